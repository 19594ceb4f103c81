// A plain object indexed by a name that came from a request or a file reaches Object.prototype:
// `obj['constructor']` is Object itself, and writing through it changes every object in the process.
// This rule refuses `obj[name]` where `name` is any string (rather than a union of known keys),
// unless `obj` is a Dict (made by `dict()`, with no prototype) or an array. Use a Map, or `dict()`.
import ts from 'typescript';
import { ESLintUtils } from '@typescript-eslint/utils';

const isArrayLike = (checker, type) =>
  checker.isArrayType(type) || checker.isTupleType(type) || (type.flags & ts.TypeFlags.StringLike) !== 0 || /Array$/.test(type.getSymbol()?.getName() ?? '');

function isOpenString(type) {
  if (type.isUnion()) return type.types.some(isOpenString);
  if (type.flags & ts.TypeFlags.String) return true;
  if (type.flags & ts.TypeFlags.TemplateLiteral) return true;
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  return false;
}

function isDict(checker, type) {
  const named = (t) => t.aliasSymbol?.getName() === 'Dict' || t.getSymbol()?.getName() === 'Dict';
  if (named(type)) return true;
  if (type.isUnion() || type.isIntersection()) return type.types.some((t) => named(t));
  return false;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'No plain object indexed by an arbitrary string' },
    messages: {
      nameIn: '`name in object` is true for `constructor` on any plain object: use Object.hasOwn(object, name), a Map, or a Dict from dict().',
      nameIndex:
        'A plain object indexed by an arbitrary string can reach Object.prototype (try `constructor`): use a Map, or a Dict from dict(), or narrow the key to known names.',
    },
    schema: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    return {
      MemberExpression(node) {
        if (!node.computed || node.property.type === 'Literal') return;
        const keyType = services.getTypeAtLocation(node.property);
        if (!isOpenString(keyType)) return;
        const objectType = checker.getApparentType(services.getTypeAtLocation(node.object));
        if (isArrayLike(checker, objectType) || isDict(checker, objectType)) return;
        if (objectType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
        context.report({ node, messageId: 'nameIndex' });
      },
      BinaryExpression(node) {
        if (node.operator !== 'in' || node.left.type === 'Literal' || node.left.type === 'PrivateIdentifier') return;
        if (!isOpenString(services.getTypeAtLocation(node.left))) return;
        const objectType = checker.getApparentType(services.getTypeAtLocation(node.right));
        if (isDict(checker, objectType)) return;
        context.report({ node, messageId: 'nameIn' });
      },
    };
  },
};
