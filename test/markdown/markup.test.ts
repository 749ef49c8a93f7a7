// Where inline syntax sits (markup.ts), pinned per character (written before its four tree
// walks became one): `markup` is one digit a character (0 text, 1 Markdown syntax,
// 2 withdrawn or not text), then the images in document order, the content of each
// inline code span, and every claim as `label|final value@line:column`. The rows cover
// what each walk decided: wrappers and backticks, left-out nodes (nothing inside them is
// marked, but an image, a code span or a product inside struck text is still found),
// HTML elements that withdraw (pairing only tags outside left-out nodes), images nested
// in links, lists, tables and references.
import { describe, expect, test } from 'vitest';
import { readSubmission } from '../../src/markdown/index.js';
import { readInline } from '../../src/markdown/markup.js';
import { parseMarkdown } from '../../src/markdown/parse.js';

type Row = [text: string, markup: string, images: string[], code: string[], claims: string[]];

function read(text: string): { markup: string; images: string[]; code: string[]; claims: string[] } {
  const { tree, source } = parseMarkdown(text);
  const { markup, images: found, codeSpans } = readInline(tree, source.text);
  const images = found.map((image) => `${image.alt}@${image.start}-${image.end}`);
  const code = codeSpans.map(([start, end]) => `${start}-${end}`);
  const parsed = readSubmission(text);
  expect(parsed.images.map((image) => `${image.alt}@${image.start}-${image.end}`)).toEqual(images);
  const claims = parsed.claims.map((claim) => `${claim.label}|${JSON.stringify(claim.steps[claim.steps.length - 1].value)}@${claim.line}:${claim.column}`);
  return { markup: [...markup].join(''), images, code, claims };
}

describe('inline markup, images and claims from one reading of the tree', () => {
  test.each<Row>([
    ['a **0.5** b', '00110001100', [], [], []],
    ['accuracy = *$0.5$* and `x = 1` ``y``', '000000000001000001000001000001011011', [], ['24-29', '33-34'], ['accuracy|0.5@1:14', 'x|1@1:29']],
    ['p = 2*0.82*0.77', '000000000000000', [], [], ['p|1.2628@1:5']],
    // a product inside struck text keeps its `*` unmarked, as the product rule walks every node
    ['~~p = 2*0.82*0.77~~ q = 1', '2222222022220222222000000', [], [], ['q|1@1:25']],
    ['<del>p = 2*0.82*0.77</del> q = 1', '22222222220222202222222222000000', [], [], ['q|1@1:32']],
    // a tag inside struck text does not pair with one outside it
    ['~~<del>~~ x = 0.5 </del> y = 2', '222222222000000000000000000000', [], [], ['x|0.5@1:15', 'y|2@1:30']],
    ['<del>a ~~b~~ c</del> [link *0.5*](u) d = 3', '222222222222222222220100000100011111000000', [], [], ['link 0.5 d|3@1:42']],
    [
      '![first](a.png) [![inner](b.png)](u) ~~![struck](c.png)~~\n\n- ![item][ref]\n\n| ![cell](d.png) |\n|---|\n\n[ref]: e.png',
      '22222222222222201222222222222222111102222222222222222222200002222222222220000222222222222220000000000000000000000',
      ['first@0-15', 'inner@17-32', 'struck@39-55', 'item@61-73', 'cell@77-91'],
      [],
      [],
    ],
    // a withdrawn element ends at a blank line: `<s>` there withdraws nothing
    ['x = 1 <script>y = 2</script> <s>z = 3\n\nw = 4</s>', '000000222222222222222222222200000000000000000000', [], [], ['x|1@1:5', 'z|3@1:37', 'w|4@3:5']],
    ['> *quoted **0.5***\n> <strike>0.7</strike> r = 0.8', '0010000000110001110002222222222222222222200000000', [], [], ['r|0.8@2:28']],
    ['foot[^1] = 2\n\n[^1]: note', '000022220000000000000000', [], [], ['foot|2@1:12']],
    // a code span's content is found inside struck text, emphasis and links too
    ['a `x = 1` b ~~`y = 2`~~ *`z`* [`w`](u)', '00100000100022222222222011011011011111', [], ['3-8', '15-20', '26-27', '32-33'], ['x|1@1:8']],
    // padding and longer fences: the content is what the backticks and one space hold
    ['m1 = `` `[0.4, 0.8]` `` and ` ` and `` ` ``', '0000011100000000000011100000101000001110111', [], ['8-20', '29-30', '39-40'], ['m1|null@1:9']],
    ['`m1 = [0.4, 0.8]` then m2 = 0.5', '1000000000000000100000000000000', [], ['1-16'], ['m1|[0.4,0.8]@1:7', 'm2|0.5@1:29']],
  ])('%j', (text, markup, images, code, claims) => expect(read(text)).toEqual({ markup, images, code, claims }));
});
