import { describe, expect, it } from 'vitest';
import { parseXml, writeXml } from '../../src/domain/formats/voc/xml';

describe('the small strict XML reader and writer VOC uses', () => {
  it('reads declarations, comments, attributes, entities, CDATA and self-closing tags', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="utf-8"?>\n<!-- made by hand -->\n<annotation verified='yes'>\n  <filename>a &amp; b &lt;1&gt; &#233;&#x41;.jpg</filename>\n  <note><![CDATA[<raw> & text]]></note>\n  <segmented/>\n</annotation>\n`,
      'a.xml',
    );
    expect(root.name).toBe('annotation');
    expect(root.attributes).toEqual({ verified: 'yes' });
    expect(root.children.map((c) => [c.name, c.text, c.line])).toEqual([
      ['filename', 'a & b <1> éA.jpg', 4],
      ['note', '<raw> & text', 5],
      ['segmented', '', 6],
    ]);
  });

  it('writes what it reads back, escaping markup in names', () => {
    const xml = writeXml(['annotation', [['filename', 'x<&>"y.jpg'], ['size', [['width', 3]]]]]);
    expect(xml).toBe('<annotation>\n\t<filename>x&lt;&amp;&gt;&quot;y.jpg</filename>\n\t<size>\n\t\t<width>3</width>\n\t</size>\n</annotation>\n');
    expect(parseXml(xml, 'x.xml').children[0]!.text).toBe('x<&>"y.jpg');
  });

  it.each([
    ['<a><b></a>', 1, '</a> closes <b> (line 1)'],
    ['<a>\n<b>\n', 3, '<b> (line 2) is never closed'],
    ['<a>x & y</a>', 1, 'a bare "&" (write &amp;)'],
    ['<a>&nbsp;</a>', 1, 'unknown entity &nbsp;'],
    ['<a></a>\n<b/>', 2, 'content after the root element'],
    ['', 1, 'the file is empty'],
    ['<a x=1></a>', 1, 'malformed attribute in <a>'],
  ])('refuses %j at line %i: %s', (text, line, message) => {
    expect(() => parseXml(text, 'bad.xml')).toThrow(`bad.xml (line ${line}): malformed XML: ${message}`);
  });
});
