// What every PDF shares: the embedded font with Vietnamese letters, and collecting the bytes.
export { PDF_FONT_BOLD_FILE, PDF_FONT_FILE, pdfBytes, registerVietnameseFonts } from './fonts.js';
