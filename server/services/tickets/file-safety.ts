// Which citizen attachments are dangerous to open in a browser or on an officer's desktop: programs, scripts,
// macro documents, and anything the browser would render as active content (HTML, SVG, XML). They are flagged on
// the page and always served as application/octet-stream, so neither the browser nor a sniffing proxy runs them.
// Pure: the name and the declared type are both hostile input, so either one marks the file.

const DANGEROUS_EXTENSIONS = new Set([
  'exe', 'com', 'scr', 'pif', 'bat', 'cmd', 'msi', 'msp', 'dll', 'cpl', 'jar', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'mjs',
  'wsf', 'wsh', 'hta', 'lnk', 'reg', 'inf', 'scf', 'sh', 'app', 'apk', 'dmg', 'iso', 'img',
  'html', 'htm', 'xhtml', 'shtml', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'swf',
  'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm',
]);
const DANGEROUS_TYPES = [
  /^text\/html/i, /^application\/xhtml/i, /^image\/svg/i, /xml/i, /javascript|ecmascript/i, /^application\/x-(ms)?dos/i,
  /^application\/x-msdownload/i, /^application\/x-sh/i, /^application\/hta/i, /^application\/java/i, /macroenabled/i,
  /^application\/x-shockwave-flash/i, /^application\/vnd\.microsoft\.portable-executable/i,
];
/** Types a browser shows inline without running anything; everything else is downloaded as it was declared. */
const PASSIVE_TYPE = /^(application\/pdf|image\/(png|jpeg|gif|webp)|text\/plain|application\/(msword|vnd\.openxmlformats-officedocument\.[a-z.]+|vnd\.ms-excel|zip))$/i;

/** Every extension of the name counts ("công văn.pdf.exe" is an exe, and so is "x.exe." or "x.exe "). */
export function extensionsOf(filename: string): string[] {
  return filename.toLowerCase().replace(/[\s.]+$/, '').split('.').slice(1).map((e) => e.trim());
}

export function isDangerousFile(filename: string | null, contentType: string): boolean {
  const last = extensionsOf(filename ?? '').at(-1);
  return (last !== undefined && DANGEROUS_EXTENSIONS.has(last)) || DANGEROUS_TYPES.some((re) => re.test(contentType));
}

/** The Content-Type a download is served with: the declared one only when it is a known passive type. */
export function servedContentType(filename: string | null, contentType: string): string {
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  return !isDangerousFile(filename, contentType) && PASSIVE_TYPE.test(base) ? base : 'application/octet-stream';
}
