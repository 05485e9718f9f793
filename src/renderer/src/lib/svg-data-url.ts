/**
 * An SVG as a data: URL for an <img>: the browser renders it as an image, so nothing in it can run or touch the page
 * (unlike injecting the markup). Base64 via UTF-8 bytes, since btoa only takes Latin-1.
 */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(bin)}`;
}
