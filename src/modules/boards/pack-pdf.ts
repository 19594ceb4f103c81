import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { date } from '../../platform/index.js';
import type { BoardPack } from './pack.js';

/** The font the PDF embeds: Liberation Sans from Debian's fonts-liberation2 (or the older package). */
const fontDirs = ['/usr/share/fonts/truetype/liberation2', '/usr/share/fonts/truetype/liberation'];
function font(name: 'Regular' | 'Bold') {
  for (const dir of fontDirs) {
    const file = `${dir}/LiberationSans-${name}.ttf`;
    if (fs.existsSync(file)) return file;
  }
  throw new Error('The board pack needs the Liberation Sans font: install fonts-liberation2');
}

/** The parts of pdfkit 0.17's tagging and tables its published types do not describe yet. */
interface Struct {
  add(child: Struct): Struct;
  end(): void;
}
interface Tagging {
  struct(type: string): Struct;
  struct(type: string, children: (() => void)[]): Struct;
  struct(type: string, options: { alt?: string }, children: (() => void)[]): Struct;
  addStructure(s: Struct): void;
  table(options: { structParent: Struct; data: unknown[][]; defaultStyle?: object }): unknown;
}

const blue = '#1d70b8';
const ink = '#0b0c0c';
const grey = '#505a5f';
const margin = 50;

/**
 * The board pack as a tagged PDF (headings, paragraphs, tables with header cells, and charts as
 * figures with their figures in words), in an embedded font, the charts drawn as vector paths.
 */
export function boardPackPdf(pack: BoardPack): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: pack.title, Author: pack.board, Subject: `Board pack for ${pack.meeting.when}`, Creator: 'Steward' },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', font('Regular'));
  doc.registerFont('bold', font('Bold'));
  const tagging = doc as unknown as Tagging;
  const root = tagging.struct('Document');
  tagging.addStructure(root);
  const width = doc.page.width - margin * 2;

  const block = (type: string, draw: () => void) => {
    root.add(tagging.struct(type, [() => draw()]));
  };
  const ensure = (space: number) => {
    if (doc.y + space > doc.page.height - margin) doc.addPage();
  };

  block('H1', () => doc.font('bold').fontSize(22).fillColor(ink).text(pack.title, { width }));
  block('P', () =>
    doc
      .font('body')
      .fontSize(11)
      .fillColor(grey)
      .text(`${pack.meeting.when}${pack.meeting.place ? `, ${pack.meeting.place}` : ''}. Assembled by Steward from live data on ${date(pack.madeOn)}.`, {
        width,
      })
      .moveDown(0.8),
  );

  for (const section of pack.sections) {
    ensure(80);
    block('H2', () => doc.font('bold').fontSize(16).fillColor(ink).text(section.title, { width }).moveDown(0.3));
    for (const p of section.content.paragraphs) block('P', () => doc.font('body').fontSize(11).fillColor(ink).text(p, { width }).moveDown(0.4));
    for (const t of section.content.tables) {
      if (!t.rows.length) continue;
      ensure(60);
      block('Caption', () => doc.font('bold').fontSize(11).fillColor(ink).text(t.caption, { width }).moveDown(0.2));
      doc.font('body').fontSize(9).fillColor(ink);
      const numeric = new Set(t.numeric ?? []);
      tagging.table({
        structParent: root,
        data: [
          t.head.map((h, i) => ({
            text: h,
            type: 'TH',
            scope: 'column',
            font: { src: font('Bold') },
            align: { x: numeric.has(i) ? 'right' : 'left', y: 'top' },
          })),
          ...t.rows.map((r) => r.map((cell, i) => ({ text: cell, align: { x: numeric.has(i) ? 'right' : 'left', y: 'top' } }))),
        ],
        defaultStyle: { border: { top: 0, left: 0, right: 0, bottom: 0.5 }, borderColor: '#b1b4b6', padding: 3 },
      });
      doc.moveDown(0.6);
    }
    // Charts in a grid of small multiples, two to a row.
    const charts = section.content.charts.filter((c) => c.bars.length);
    const chartWidth = (width - 20) / 2;
    const chartHeight = 90;
    for (let i = 0; i < charts.length; i += 2) {
      ensure(chartHeight + 40);
      const top = doc.y;
      for (const [j, c] of charts.slice(i, i + 2).entries()) {
        const left = margin + j * (chartWidth + 20);
        const alt = `${c.title}: ${c.bars.map((b) => `${b.label} ${b.value === null ? 'no figure' : `${b.value}${c.unit === '%' ? '%' : ''}`}`).join(', ')}`;
        const figure = tagging.struct('Figure', { alt }, [
          () => {
            doc.font('bold').fontSize(9).fillColor(ink).text(c.title, left, top, { width: chartWidth, height: 24, ellipsis: true });
            const max = Math.max(1, ...c.bars.map((b) => b.value ?? 0));
            const base = top + 28 + chartHeight - 24;
            const step = chartWidth / Math.max(1, c.bars.length);
            doc
              .moveTo(left, base)
              .lineTo(left + chartWidth, base)
              .lineWidth(0.5)
              .strokeColor('#b1b4b6')
              .stroke();
            doc
              .font('body')
              .fontSize(6)
              .fillColor(grey)
              .text(`up to ${max}${c.unit === '%' ? '%' : ''}`, left, top + 16, { width: chartWidth, lineBreak: false });
            // Every other label when they would run together; a period with no figure keeps its place.
            const every = c.bars.length > 6 ? 2 : 1;
            for (const [k, b] of c.bars.entries()) {
              if (b.value !== null) {
                const h = Math.max(0.5, ((chartHeight - 38) * b.value) / max);
                doc
                  .rect(left + k * step + 2, base - h, Math.max(2, step - 4), h)
                  .fillColor(blue)
                  .fill();
              }
              if (k % every === 0)
                doc
                  .font('body')
                  .fontSize(6)
                  .fillColor(grey)
                  .text(b.label, left + k * step - step / 2, base + 2, { width: step * 2, align: 'center', lineBreak: false });
            }
          },
        ]);
        root.add(figure);
      }
      doc.x = margin;
      doc.y = top + chartHeight + 24;
    }
    doc.moveDown(0.6);
  }
  // Page numbers are furniture, not content.
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('body')
      .fontSize(8)
      .fillColor(grey)
      .text(`${pack.board}, ${pack.meeting.when} · page ${i + 1} of ${pages.count}`, margin, doc.page.height - margin + 15, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.endMarkedContent();
  }
  root.end();
  doc.end();
  return done;
}
