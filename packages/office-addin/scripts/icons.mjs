// The add-in's icons (PNG, as Office wants), drawn here so no binary lives in the repository:
// a blue tile with the white hyperbola y = k/x.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of `size`×`size` pixels. */
export function iconPng(size) {
  const rows = [];
  const k = 0.09;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      // Unit coordinates with the origin at the lower left, inside a margin.
      const u = (x + 0.5) / size;
      const v = 1 - (y + 0.5) / size;
      const margin = 0.16;
      const cu = (u - margin) / (1 - 2 * margin);
      const cv = (v - margin) / (1 - 2 * margin);
      const onCurve = cu > 0.05 && cu < 1 && Math.abs(cv - k / cu) < 2.2 / size / Math.max(0.4, Math.min(1, k / (cu * cu)) ** 0.5) / (1 - 2 * margin);
      const onAxis = (Math.abs(cu) < 1.2 / size && cv > -0.02 && cv < 1) || (Math.abs(cv) < 1.2 / size && cu > -0.02 && cu < 1);
      const corner = Math.min(u, 1 - u, v, 1 - v);
      const inside = corner > 0.02;
      const [r, g, b, a] = !inside ? [0, 0, 0, 0] : onCurve ? [255, 255, 255, 255] : onAxis ? [187, 222, 251, 255] : [30, 136, 229, 255];
      row.set([r, g, b, a], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
