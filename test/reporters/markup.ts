// Small, strict readers for the tests: is a document well-formed XML, and which tags and
// attributes does an HTML page really contain (escaped text cannot look like a tag).

export interface Tag {
  name: string;
  attributes: Record<string, string>;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g');
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
const INVALID_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Throws with the offset of the first problem; returns the elements in document order. */
export function parseXml(doc: string): Tag[] {
  if (INVALID_XML_CHAR.test(doc)) throw new Error('character not allowed in XML 1.0');
  let i = doc.startsWith('<?xml') ? doc.indexOf('?>') + 2 : 0;
  const open: string[] = [];
  const tags: Tag[] = [];
  while (i < doc.length) {
    if (doc[i] === '<') {
      const match = TAG.exec(doc.slice(i));
      if (!match) throw new Error(`bad tag at ${i}: ${doc.slice(i, i + 40)}`);
      const [whole, closing, name, attributes, selfClosing] = match;
      if (closing) {
        if (open.pop() !== name) throw new Error(`</${name}> does not close the open element at ${i}`);
      } else {
        tags.push({ name, attributes: attributesOf(attributes) });
        if (!selfClosing) open.push(name);
      }
      i += whole.length;
    } else if (doc[i] === '&') {
      REFERENCE.lastIndex = i;
      if (!REFERENCE.test(doc)) throw new Error(`bad reference at ${i}`);
      i = REFERENCE.lastIndex;
    } else if (doc[i] === '>' && doc.slice(i - 2, i) === ']]') {
      throw new Error(`]]> in text at ${i}`);
    } else {
      i++;
    }
  }
  if (open.length > 0) throw new Error(`unclosed <${open.join('>, <')}>`);
  if (tags.length === 0) throw new Error('no root element');
  return tags;
}

/** XML or HTML character references back to characters. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return named[ref] ?? whole;
    return String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
  });
}

/** Every start tag of an HTML page. Escaped text never starts with `<`, so each `<` is markup. */
export function htmlTags(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(/<([A-Za-z][\w-]*)([^>]*)>/g)) {
    tags.push({ name: match[1].toLowerCase(), attributes: attributesOf(match[2]) });
  }
  return tags;
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) attributes[match[1].toLowerCase()] = decodeEntities(match[2]);
  // Unquoted or valueless attributes (`onerror=x`, `hidden`) are markup too: keep their names.
  for (const bare of text.replace(ATTRIBUTE, ' ').matchAll(/([^\s"'=/>]+)/g)) attributes[bare[1].toLowerCase()] ??= '';
  return attributes;
}
