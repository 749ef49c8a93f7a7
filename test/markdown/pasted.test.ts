// What students paste: inline HTML from an LMS, Typora or a README, arrays as numpy
// prints them, and phone-typed plain-text math (`sigmoid(wx+b)`, `lambda*w`). One table
// per convention, refusals included; each row is a short submission and every claim as
// `section|label|final value@line:column` (the final value's JSON, `!code` for a refused
// step, or the expression when it has free symbols).
import { describe, expect, test } from 'vitest';
import { readSubmission } from '../../src/markdown/index.js';

type Row = [text: string, claims: string[]];

function claims(text: string): string[] {
  return readSubmission(text).claims.map((claim) => {
    const final = claim.steps[claim.steps.length - 1];
    const value = final.value !== null ? JSON.stringify(final.value) : final.refusal ? `!${final.refusal.code}` : final.expr;
    return `${claim.section}|${claim.label}|${value}@${claim.line}:${claim.column}`;
  });
}

describe('inline HTML is presentation; character references are their characters', () => {
  test.each<Row>([
    ['Q1. <b>s = [0.5, &minus;1.5, &minus;0.5]</b>', ['1|s|[0.5,-1.5,-0.5]@1:12']],
    ['Q1. <b>margin = 2/&radic;5 = 0.894</b>', ['1|margin|0.894@1:30']],
    ['Q1. With &lambda; = 0.1 the penalty is 0.5.', ['1|lambda|0.1@1:21', '1|penalty|0.5@1:40']],
    // decimal and hex references, as remark decodes them
    ['Q1. d = &#8722;0.5 and e = &#x2212;0.25', ['1|d|-0.5@1:9', '1|e|-0.25@1:28']],
    ['Q1. x<sub>1</sub> = 2 and x<sup>2</sup> = 4', ['1|x 1|2@1:21', '1|x2|4@1:43']],
    // a script's content is one group: `2^{10}`, not 2¹·0
    ['Q1. n = 2<sup>10</sup>', ['1|n|1024@1:9']],
    ['Q1. <strong>acc</strong> = <em>0.5</em> <span style="color:red">ok</span>', ['1|acc|0.5@1:32']],
    ['Q1. <i>loss</i> = 0.3', ['1|loss|0.3@1:19']],
    // a line break and block tags start a new line, as the browser shows them
    ['Q1. a = 1<br>b = 2', ['1|a|1@1:9', '1|b|2@1:18']],
    ['Q1. <p>F1 = 0.7</p><p>R = 0.6</p>', ['1|f1|0.7@1:13', '1|r|0.6@1:27']],
    // markdown inside <details> counts as text
    ['Q1. <details><summary>Answer</summary>\n\nw = 0.5\n\n</details>', ['1|w|0.5@3:5']],
    // a remark after the closing tag is not part of the value
    ['Q3. <b>dℓ/ds = &minus;2y(1 &minus; ys)</b> &nbsp;(chain rule on (1 &minus; ys)<sup>2</sup>)', ['3|dl/ds|-2 * y * (1 - y * s)@1:16']],
  ])('%j', (text, expected) => expect(claims(text)).toEqual(expected));
});

describe('struck HTML is withdrawn, like ~~…~~; HTML that is not presentation is no text', () => {
  test.each<Row>([
    ['Q1. p = <del>0.79</del> 0.81', ['1|p|0.81@1:25']],
    ['Q1. p = <s>0.79</s> 0.81', ['1|p|0.81@1:21']],
    ['Q1. p = <strike>0.79</strike> 0.81', ['1|p|0.81@1:31']],
    ['Q1. p = <del>$0.79$</del> $0.81$', ['1|p|0.81@1:28']],
    ['Q1. p = ~~$0.79$~~ $0.81$', ['1|p|0.81@1:21']],
    // refusals: a script is never text, a form field's content is not the answer
    ['Q1. <script>v = 0.5</script>', []],
    ['Q1. t = <textarea>0.5</textarea> 0.25', ['1|t|0.25@1:34']],
    // an image is not text: nothing is left after `=`
    ['Q1. p = <img src="a.png" alt="0.9">', []],
    // an escaped ampersand is the text `&minus;`, and an unknown name stays as written
    ['Q1. k = &amp;minus;1', ['1|k|!unreadable-value@1:9']],
    ['Q1. q = &foo; 3', ['1|q|!unreadable-value@1:9']],
    // `&lt;` is a less-than sign: a boundary between two claims
    ['Q1. x = 1 &lt; 2 = y', ['1|x|1@1:9', '1|2|y@1:20']],
  ])('%j', (text, expected) => expect(claims(text)).toEqual(expected));
});

describe('numpy-printed arrays are vectors and matrices when every entry is a number', () => {
  test.each<Row>([
    ['Q1. m = [2. 2.]', ['1|m|[2,2]@1:9']],
    ['Q1. v = [0.5 1.5 -0.5]', ['1|v|[0.5,1.5,-0.5]@1:9']],
    ['Q1. b = [1e-3 -0.]', ['1|b|[0.001,0]@1:9']],
    ['Q1. cov = [[2.66666667 1.33333333] [1.33333333 3.33333333]].', ['1|cov|[[2.66666667,1.33333333],[1.33333333,3.33333333]]@1:11']],
    ['Q1. c = [[ 0. -2.] [-2. -1.] [ 2.  1.]]', ['1|c|[[0,-2],[-2,-1],[2,1]]@1:9']],
    ['Q1. a = array([0.2, 0.3])', ['1|a|[0.2,0.3]@1:9']],
    ['Q1. c = np.array([[1., 2.], [3., 4.]])', ['1|c|[[1,2],[3,4]]@1:9']],
    // in math too: KaTeX would drop the spaces
    ['Q1. $\\mu = [2. 2.]$ and $C = [[1 2] [3 4]]$', ['1|mu|[2,2]@1:12', '1|c|[[1,2],[3,4]]@1:30']],
    // refusals: words in the bracket, ragged rows, an array call with more than numbers
    ['Q1. t = [2 apples]', ['1|t|!unreadable-value@1:9']],
    ['Q1. r = [[1 2] [3]]', ['1|r|!unreadable-value@1:9']],
    ['Q1. f = array([1., 2.], dtype=float32)', ['1|f|!unreadable-value@1:9']],
    // a spaced minus between two numbers is a subtraction, not a printed row
    ['Q1. u = [1 - 2]', ['1|u|-1@1:9']],
  ])('%j', (text, expected) => expect(claims(text)).toEqual(expected));
});

describe('plain text: attached brackets, spelled-out functions and Greek names, letters side by side', () => {
  test.each<Row>([
    ['Q3. dℓ/ds = 2(1 - ys) · (-y) = -2y(1 - ys)', ['3|dl/ds|-2 * y * (1 - y * s)@1:32']],
    ['Q5. dL/dw = (sigmoid(wx+b) - y)x + lambda*w', ['5|dl/dw|(sigmoid(w * x + b) - y) * x + lambda * w@1:13']],
    ['Q1. z = wx + b', ['1|z|w * x + b@1:9']],
    ['Q1. g = w - eta*0.5', ['1|g|w - eta * 0.5@1:9']],
    ['Q1. q = theta1 + 1', ['1|q|theta_1 + 1@1:9']],
    ['Q1. r = relu(-2) + exp(0) + sqrt(4) + ln(1)', ['1|r|3@1:9']],
    ['Q1. s = softmax([1, 1])', ['1|s|[0.5,0.5]@1:9']],
    // refusals and remarks: a spaced bracket of words, two letters beside words, a hedge
    ['Q1. k = 0.8 (rounded)', ['1|k|0.8@1:9']],
    ['Q1. h = 0.5 (in bits) and H = 0.5 in bits', ['1|h|0.5@1:9', '1|h|0.5@1:31']],
    ['Q1. y = ab', ['1|y|!unreadable-value@1:9']],
    ['Q1. p = 0.16 or 0.17', ['1|p|!two-values@1:9']],
    ['Q1. w = w - eta times the gradient', ['1|w|!unreadable-value@1:9']],
  ])('%j', (text, expected) => expect(claims(text)).toEqual(expected));
});
