import type { DemoContext } from '../../platform/index.js';

export async function loadStakeholdersDemo(_ctx: DemoContext) {}
