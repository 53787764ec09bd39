import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GeoreferenceError } from '../../src/domain/geo/georeference';
import { findSidecars, formatWorldFile, parseWorldFile, worldFileExtensions } from '../../src/domain/geo/worldfile';
import { fixturePath } from '../helpers/fixtures';

describe('world files', () => {
  it('reads the mosaic .jgw, which names the CENTRE of the upper-left pixel, as the corner at E 550000 N 5805000', () => {
    const text = readFileSync(fixturePath('mosaic-worldfile.jgw'), 'utf8');
    // The file itself says 550000.1 / 5804999.9: half a 0.2 m pixel inside the corner.
    expect(text.split('\n').slice(4, 6).map(Number)).toEqual([550000.1, 5804999.9000000004]);
    const [x0, a, b, y0, d, e] = parseWorldFile(text, 'mosaic-worldfile.jgw');
    expect(x0).toBeCloseTo(550000, 6);
    expect(y0).toBeCloseTo(5805000, 6);
    expect([a, b, d, e]).toEqual([0.2, 0, 0, -0.2]);
  });

  it('reads rotation terms in the world-file order A, D, B, E, C, F, with CRLF and trailing blank lines', () => {
    const t = parseWorldFile('0.5\r\n0.1\r\n0.2\r\n-0.5\r\n1000\r\n2000\r\n\r\n', 'r.wld');
    // Corner = centre − half a pixel along both pixel axes: C − (A + B)/2, F − (D + E)/2.
    expect(t).toEqual([1000 - 0.35, 0.5, 0.2, 2000 - (0.1 - 0.5) / 2, 0.1, -0.5]);
    expect(parseWorldFile(formatWorldFile(t), 'r.wld').map((v) => +v.toFixed(9))).toEqual(t.map((v) => +v.toFixed(9)));
    expect(parseWorldFile(' 2.5E-1\n0\n0\n-2.5d-1\n10\n20', 'x.tfw')[1]).toBe(0.25);
  });

  it.each([
    ['0.2\n0\n0\n-0.2\n550000,1\n5805000\n', 'o.jgw, line 5: "550000,1" is not a number'],
    ['0.2\n0\nzero\n-0.2\n1\n2\n', 'o.jgw, line 3: "zero" is not a number'],
    ['0.2\n0\n0\n-0.2\n1\n', 'o.jgw: 5 numbers, but a world file holds six (one per line)'],
    ['', 'o.jgw: 0 numbers, but a world file holds six (one per line)'],
    ['0.2\n0\n0\n-0.2\n1\n2\n3\n', 'o.jgw, line 7: "3" after the six numbers of a world file'],
    ['0.2\n0\n\n0\n-0.2\n1\n2\n', 'o.jgw, line 3: empty line; a world file holds six numbers, one per line'],
    ['0\n0\n0\n0\n1\n2\n', 'o.jgw: affine [1, 0, 0, 2, 0, 0] maps pixels to zero area (its determinant is 0)'],
  ])('names the file and line for %j', (text, message) => {
    expect(() => parseWorldFile(text, 'o.jgw')).toThrow(GeoreferenceError);
    expect(() => parseWorldFile(text, 'o.jgw')).toThrow(message);
  });
});

describe('finding the world file and .prj beside an image', () => {
  it('knows the conventional extensions', () => {
    expect(worldFileExtensions('a.jpg')).toEqual(['jgw', 'jpgw', 'wld']);
    expect(worldFileExtensions('a.JPEG')).toEqual(['jgw', 'jpgw', 'jpegw', 'wld']);
    expect(worldFileExtensions('a.png')).toEqual(['pgw', 'pngw', 'wld']);
    expect(worldFileExtensions('a.tif')).toEqual(['tfw', 'tifw', 'wld']);
    expect(worldFileExtensions('a.tiff')).toEqual(['tfw', 'tifw', 'tiffw', 'wld']);
  });

  it('matches case-insensitively and prefers the specific extension over .wld', () => {
    expect(findSidecars('ORTHO.JPG', ['ortho.wld', 'Ortho.JGW', 'ortho.prj', 'other.jgw'])).toEqual({ worldFile: 'Ortho.JGW', prj: 'ortho.prj' });
    expect(findSidecars('a.png', ['a.wld'])).toEqual({ worldFile: 'a.wld' });
    expect(findSidecars('a.tif', ['a.tif.prj', 'a.tfw'])).toEqual({ worldFile: 'a.tfw', prj: 'a.tif.prj' });
    expect(findSidecars('a.png', ['a.jgw', 'b.pgw', 'a.png'])).toEqual({});
    expect(findSidecars('mosaic-worldfile.jpg', ['mosaic-worldfile.jgw', 'mosaic-worldfile.jpg'])).toEqual({ worldFile: 'mosaic-worldfile.jgw' });
  });
});
