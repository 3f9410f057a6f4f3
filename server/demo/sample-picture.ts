// The demo story's picture: drawn here (a harbour bridge at dawn, shapes only, no text or fonts),
// so that the sample story has a real image and can be approved like any other.
import sharp from 'sharp';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#f6c28b"/><stop offset="0.6" stop-color="#f3e3c3"/><stop offset="1" stop-color="#9cc3d5"/>
    </linearGradient>
  </defs>
  <rect width="1200" height="800" fill="url(#sky)"/>
  <circle cx="880" cy="330" r="70" fill="#fbe3a1"/>
  <rect y="520" width="1200" height="280" fill="#3f6e8c"/>
  <path d="M0 470 Q600 160 1200 470" fill="none" stroke="#33414f" stroke-width="14"/>
  <rect y="470" width="1200" height="26" fill="#33414f"/>
  <g fill="#33414f">${Array.from({ length: 11 }, (_, i) => `<rect x="${90 + i * 100}" y="${470 - Math.round(300 * Math.sin((Math.PI * (90 + i * 100)) / 1200))}" width="5" height="${Math.round(300 * Math.sin((Math.PI * (90 + i * 100)) / 1200))}"/>`).join('')}</g>
  <rect x="180" y="330" width="36" height="190" fill="#2a3642"/><rect x="984" y="330" width="36" height="190" fill="#2a3642"/>
</svg>`;

/** The demo picture as JPEG bytes. */
export function samplePictureJpeg(): Promise<Buffer> {
  return sharp(Buffer.from(SVG)).jpeg({ quality: 82 }).toBuffer();
}
