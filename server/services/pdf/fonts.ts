// The one font path every PDF uses (credential sheets, reports). PDF's 14 standard fonts have no Vietnamese
// letters (ầ, ự, Đ… would be lost), so DejaVu Sans (fonts-dejavu-core) is embedded; pdfkit subsets it, so a file
// stays small.
import fs from 'node:fs';

export const PDF_FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const PDF_FONT_BOLD_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

interface FontTarget { registerFont(name: string, src: string): unknown }

/** Registers `body` and `bold` on a pdfkit document; throws when the font is missing rather than drop letters. */
export function registerVietnameseFonts(doc: FontTarget, fontFile = PDF_FONT_FILE): void {
  if (!fs.existsSync(fontFile)) throw new Error(`font ${fontFile} not found; install fonts-dejavu-core`);
  doc.registerFont('body', fontFile);
  doc.registerFont('bold', fontFile === PDF_FONT_FILE && fs.existsSync(PDF_FONT_BOLD_FILE) ? PDF_FONT_BOLD_FILE : fontFile);
}

/** The document's bytes once it ends: call before doc.end(). */
export function pdfBytes(doc: { on(event: string, fn: (arg: Buffer) => void): unknown }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject as (arg: Buffer) => void);
  });
}
