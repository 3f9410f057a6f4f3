// Images made on the spot with sharp, so no test reads a picture from outside the repository:
// each accepted format, and JPEGs carrying a credit in EXIF, XMP or IPTC.
import sharp from 'sharp';

/** The formats an upload may have. */
export type FixtureFormat = 'jpeg' | 'png' | 'webp' | 'gif';

/** A flat-colour image of `width`×`height` in `format`; `seed` changes the colour (and so the bytes). */
export function fixtureImage(format: FixtureFormat, options: { width?: number; height?: number; seed?: number } = {}): Promise<Buffer> {
  const { width = 800, height = 600, seed = 0 } = options;
  const background = { r: (seed * 37) % 256, g: (seed * 91 + 80) % 256, b: 200 };
  return sharp({ create: { width, height, channels: 3, background } })[format]().toBuffer();
}

/** A JPEG whose EXIF names the photographer (Artist) and copyright. */
export function jpegWithExif(artist: string, copyright: string, seed = 1): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 200, channels: 3, background: { r: seed % 256, g: 10, b: 10 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: artist, Copyright: copyright } })
    .toBuffer();
}

/** An XMP packet with photoshop:Credit, dc:creator (a list) and dc:rights (a language alternative); empty values are left out. */
export function xmpPacket(fields: { credit?: string; creators?: string[]; rights?: string }): string {
  const credit = fields.credit ? `<photoshop:Credit>${fields.credit}</photoshop:Credit>` : '';
  const creators = fields.creators ? `<dc:creator><rdf:Seq>${fields.creators.map((c) => `<rdf:li>${c}</rdf:li>`).join('')}</rdf:Seq></dc:creator>` : '';
  const rights = fields.rights
    ? `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${fields.rights}</rdf:li><rdf:li xml:lang="fr">Droits: ${fields.rights}</rdf:li></rdf:Alt></dc:rights>`
    : '';
  return (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">' +
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">' +
    `${credit}${creators}${rights}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
  );
}

/** An image in `format` carrying `xmp` (and, when given, EXIF Artist/Copyright too). */
export function imageWithXmp(format: FixtureFormat, xmp: string, exif?: { artist: string; copyright: string }): Promise<Buffer> {
  let image = sharp({ create: { width: 300, height: 180, channels: 3, background: '#446688' } })[format]().withXmp(xmp);
  if (exif) image = image.withExif({ IFD0: { Artist: exif.artist, Copyright: exif.copyright } });
  return image.toBuffer();
}

/** IPTC-IIM datasets of record 2 (80 By-line, 110 Credit, 116 Copyright Notice), as `encoding` bytes. */
export type IptcFields = { 80?: string; 110?: string; 116?: string };

// A JPEG APP13 segment: "Photoshop 3.0", then an 8BIM resource 0x0404 holding the IIM datasets.
function app13(fields: IptcFields, encoding: BufferEncoding): Buffer {
  const datasets = Buffer.concat(
    Object.entries(fields).map(([number, value]) => {
      const data = Buffer.from(value, encoding);
      return Buffer.concat([Buffer.from([0x1c, 0x02, Number(number), data.length >> 8, data.length & 0xff]), data]);
    }),
  );
  const resourceHead = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0x00, 0x00]), Buffer.alloc(4)]);
  resourceHead.writeUInt32BE(datasets.length, 8);
  const padding = Buffer.alloc(datasets.length % 2);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resourceHead, datasets, padding]);
  const marker = Buffer.from([0xff, 0xed, 0, 0]);
  marker.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([marker, payload]);
}

/** A JPEG with IPTC-IIM credit fields, written in UTF-8 (most tools) or Latin-1 (older ones). */
export async function jpegWithIptc(fields: IptcFields, encoding: 'utf8' | 'latin1' = 'utf8'): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 240, height: 160, channels: 3, background: '#884422' } }).jpeg().toBuffer();
  // Right after the start-of-image marker.
  return Buffer.concat([jpeg.subarray(0, 2), app13(fields, encoding), jpeg.subarray(2)]);
}
