import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, readFixture } from '../helpers/fixtures';
import { workbench } from '../helpers/workbench';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'formats-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A small YOLO set with its images: astronaut.png (512²) and rocket.jpg (640×427). */
async function yoloFolder(name: string, labels: Record<string, string>): Promise<string> {
  const folder = join(dir, name);
  await mkdir(join(folder, 'images'), { recursive: true });
  await mkdir(join(folder, 'labels'), { recursive: true });
  await writeFile(join(folder, 'data.yaml'), 'path: .\ntrain: images\nval: images\nnames: [person, rocket]\n');
  await writeFile(join(folder, 'images/astronaut.png'), readFixture('astronaut.png'));
  await writeFile(join(folder, 'images/rocket.jpg'), readFixture('rocket.jpg'));
  for (const [file, text] of Object.entries(labels)) await writeFile(join(folder, 'labels', file), text);
  return folder;
}

describe('workbench convert', () => {
  it('YOLO folder → COCO JSON → VOC zip → YOLO: the same boxes come back', async () => {
    const yolo = await yoloFolder('yolo-good', { 'astronaut.txt': '0 0.5 0.5 0.5 0.25\n', 'rocket.txt': '1 0.25 0.5 0.1 0.2\n0 0.9 0.9 0.2 0.2\n' });
    const coco = join(dir, 'out.json');
    const first = await workbench('convert', '--from', 'yolo', '--to', 'coco', yolo, coco);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const json = JSON.parse(await readFile(coco, 'utf8'));
    expect(json.categories).toEqual([
      { id: 1, name: 'person' },
      { id: 2, name: 'rocket' },
    ]);
    expect(json.images.map((i: { file_name: string; width: number; height: number }) => [i.file_name, i.width, i.height])).toEqual([
      ['astronaut.png', 512, 512],
      ['rocket.jpg', 640, 427],
    ]);
    expect(json.annotations[0]).toMatchObject({ image_id: 1, category_id: 1, bbox: [128, 192, 256, 128], area: 32768, iscrowd: 0 });

    const vocZip = join(dir, 'voc.zip');
    expect((await workbench('convert', '--from', 'coco', '--to', 'voc', coco, vocZip)).code).toBe(0);
    const voc = unzipSync(new Uint8Array(await readFile(vocZip)));
    expect(strFromU8(voc['Annotations/astronaut.xml']!)).toContain('<xmin>129</xmin>\n\t\t\t<ymin>193</ymin>\n\t\t\t<xmax>384</xmax>\n\t\t\t<ymax>320</ymax>');

    // back to YOLO needs the images' sizes: put them in the zip beside the VOC files
    const withImages = join(dir, 'voc-images.zip');
    const entries = { ...voc, 'JPEGImages/astronaut.png': readFixture('astronaut.png'), 'JPEGImages/rocket.jpg': readFixture('rocket.jpg') };
    await writeFile(withImages, zipSync(entries));
    const back = join(dir, 'yolo-back');
    const last = await workbench('convert', '--from', 'voc', '--to', 'yolo', withImages, back, '--verbose');
    expect(last.code).toBe(0);
    expect(last.stderr).toContain('read 2 images, 3 annotations, 2 labels (voc)');
    expect(await readFile(join(back, 'labels/astronaut.txt'), 'utf8')).toBe('0 0.500000 0.500000 0.500000 0.250000\n');
    expect((await readdir(join(back, 'images'))).sort()).toEqual(['astronaut.png', 'rocket.jpg']);
  });

  it('splits with a seed: the same seed gives the same files', async () => {
    const yolo = await yoloFolder('yolo-split', { 'astronaut.txt': '0 0.5 0.5 0.5 0.25\n', 'rocket.txt': '1 0.25 0.5 0.1 0.2\n' });
    const runs = [];
    for (const out of ['s1', 's2']) {
      expect((await workbench('convert', '--from', 'yolo', '--to', 'yolo', yolo, join(dir, out), '--split', '1,1', '--seed', '9')).code).toBe(0);
      runs.push((await readdir(join(dir, out, 'labels'), { recursive: true })).sort());
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.filter((p) => p.endsWith('.txt'))).toHaveLength(2);
    expect(await readFile(join(dir, 's1/data.yaml'), 'utf8')).toContain('train: images/train\nval: images/val\n');
  });

  it('refuses a bad set whole, naming file and line, exit 1, nothing written', async () => {
    const yolo = await yoloFolder('yolo-bad', { 'astronaut.txt': '0 0.5 0.5 0.5\n', 'rocket.txt': '5 0.5 0.5 0.1 0.1\n', 'zebra.txt': '0 0.5 0.5 0.1 0.1\n' });
    const out = join(dir, 'never.json');
    const run = await workbench('convert', '--from', 'yolo', '--to', 'coco', yolo, out);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'workbench: the dataset has 3 problems; nothing was imported:\n' +
        '  labels/astronaut.txt (line 1): expected 5 fields (class cx cy w h), got 4\n' +
        '  labels/rocket.txt (line 1): unknown class id 5 (the set has 2 classes, 0 to 1)\n' +
        '  labels/zebra.txt: no image named zebra.* in the project or in the set\n',
    );
    await expect(readFile(out)).rejects.toThrow();
  });

  it('names malformed JSON by line, and usage mistakes exit 2', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{\n  "images": [],\n  "annotations": [\n');
    const run = await workbench('convert', '--from', 'coco', '--to', 'csv', bad, join(dir, 'x.csv'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^workbench: the dataset has a problem; nothing was imported:\n {2}bad\.json \(line 3\): malformed JSON/);
    const usage = await workbench('convert', '--from', 'kitti', '--to', 'coco', bad, 'x');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--from must be one of coco, yolo, voc, csv, got "kitti"');
    const yolo = await yoloFolder('yolo-to-file', { 'astronaut.txt': '0 0.5 0.5 0.5 0.25\n' });
    const manyFiles = await workbench('convert', '--from', 'yolo', '--to', 'voc', yolo, join(dir, 'voc.json'));
    expect(manyFiles.code).toBe(2);
    expect(manyFiles.stderr).toContain('the 2 files of this set need a folder or a .zip, not voc.json');
  });
});

describe('workbench detect --format', () => {
  it('writes YOLO, VOC and CSV that read back with the same boxes as COCO', async () => {
    const astronaut = fixturePath('astronaut.png');
    const coco = await workbench('detect', astronaut);
    expect(coco.code).toBe(0);
    const person = JSON.parse(coco.stdout).annotations.find((a: { category_id: number }) => a.category_id === 1);

    const csv = await workbench('detect', astronaut, '--format', 'csv');
    expect(csv.code).toBe(0);
    const row = csv.stdout.split('\r\n').find((l) => l.startsWith('astronaut.png,person,'))!;
    expect(row.split(',').slice(2, 6).map(Number)).toEqual(person.bbox);
    expect(row).toContain(',suggested,model:coco-centernet@');

    const yoloZip = join(dir, 'detect-yolo.zip');
    expect((await workbench('detect', astronaut, '--format', 'yolo', '--out', yoloZip)).code).toBe(0);
    const yolo = unzipSync(new Uint8Array(await readFile(yoloZip)));
    expect(strFromU8(yolo['data.yaml']!)).toContain('nc: 80\nnames:\n  0: person\n');
    const [cls, cx, , w] = strFromU8(yolo['labels/astronaut.txt']!).split('\n')[0]!.split(' ').map(Number);
    expect(cls).toBe(0);
    expect(cx).toBeCloseTo((person.bbox[0] + person.bbox[2] / 2) / 512, 4);
    expect(w).toBeCloseTo(person.bbox[2] / 512, 4);

    const vocDir = join(dir, 'detect-voc');
    expect((await workbench('detect', astronaut, '--format', 'voc', '--out', vocDir)).code).toBe(0);
    expect(await readFile(join(vocDir, 'Annotations/astronaut.xml'), 'utf8')).toContain(`<xmin>${Math.round(person.bbox[0]) + 1}</xmin>`);
  });

  it('needs --out for YOLO and VOC, and refuses an unknown format', async () => {
    const yolo = await workbench('detect', fixturePath('astronaut.png'), '--format', 'yolo');
    expect(yolo.code).toBe(2);
    expect(yolo.stderr).toContain('--format yolo writes several files: give --out <folder> or --out <file.zip>');
    const kitti = await workbench('detect', fixturePath('astronaut.png'), '--format', 'kitti');
    expect(kitti.code).toBe(2);
    expect(kitti.stderr).toContain('--format must be coco, yolo, voc, csv or geojson, got "kitti"');
  });
});
