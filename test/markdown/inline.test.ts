// Inline Markdown, labels and hedges (issue 7): each row is a short submission and every
// claim it gives as `section|label|final value@line:column` (the value's JSON, `!code` for
// a refused step, or the expression when it has free symbols).
import { describe, expect, test } from 'vitest';
import { readSubmission } from '../../src/markdown/index.js';

function claims(text: string): string[] {
  return readSubmission(text).claims.map((claim) => {
    const final = claim.steps[claim.steps.length - 1];
    const value = final.value !== null ? JSON.stringify(final.value) : final.refusal ? `!${final.refusal.code}` : final.expr;
    return `${claim.section}|${claim.label}|${value}@${claim.line}:${claim.column}`;
  });
}

describe("inline Markdown is read from the tree: emphasis, bold, struck, links, code, highlights, callouts, images", () => {
  test.each<[string, string[]]>([
    ["accuracy = *$0.5$*\n", ["|accuracy|0.5@1:14"]],
    ["accuracy = $0.5$\n", ["|accuracy|0.5@1:13"]],
    ["x = 2*0.82*0.77\n", ["|x|1.2628@1:5"]],
    ["**Accuracy** = **0.83**\n", ["|accuracy|0.83@1:18"]],
    ["*Precision*: 0.8\n", ["|precision|0.8@1:14"]],
    ["Recall = _0.75_\n", ["|recall|0.75@1:11"]],
    ["P = ~~0.79~~ 0.81\n", ["|p|0.81@1:14"]],
    ["F1 A = ~~0.82~~ 0.811\n", ["|f1 a|0.811@1:17"]],
    ["~~Recall = 0.7~~\n\nRecall = 0.75\n", ["|recall|0.75@3:10"]],
    ["see [the note](http://x.y/a_b): F1 = 0.5\n", ["|f1|0.5@1:38"]],
    ["the value `F1 = 0.5`\n", ["|f1|0.5@1:17"]],
    ["Recall A = ==0.90==\n\nF1 A = 0.811\n", ["|recall a|0.9@1:14", "|f1 a|0.811@3:8"]],
    ["==macro F1 = 0.724==\n", ["|macro f1|0.724@1:14"]],
    ["> [!note] Convention\n> Precision C = 15/19 = 0.789\n", ["|precision c|0.789@2:25"]],
    ["![plot](a.png) AUC = 0.9\n", ["|auc|0.9@1:22"]],
    ["F1 ~ 0.72\n", ["|f1|0.72@1:6"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});

describe("a value that opens inside an inline code span ends where the span closes", () => {
  test.each<[string, string[]]>([
    ["`m1 = [0.4, 0.8]`   (0.1 * g)\n", ["|m1|[0.4,0.8]@1:7"]],
    ["`p = 0.5` (rounded from 0.4993)\n", ["|p|0.5@1:6"]],
    ["v1 = `[16, 64]`   (g squared elementwise)\n", ["|v1|[16,64]@1:7"]],
    ["w2 = `[1.6, 0.2] - 0.1*[6.8, 8.8]` = `[0.92, -0.68]`\n", ["|w2|[0.92,-0.68]@1:39"]],
    ["`q = 0.3` r = 0.5\n", ["|q|0.3@1:6", "|r|0.5@1:15"]],
    // Not closed by the span: what follows goes on with an operator, or the value opens outside it.
    ["`x = 0.5` * 2\n", ["|x|1@1:6"]],
    ["`m1` = [0.4, 0.8] (0.1 * g)\n", ["|m1|[0.4, 0.8] * 0.1 * g@1:8"]],
    // A second value offered after the span is still a hedge.
    ["`p = 0.3` or `0.4`\n", ["|p|!two-values@1:6"]],
    // reStructuredText's math role: the code span is inline math
    ["The accuracy is :math:`\\frac{85}{100} = 0.85`.\n", ["|accuracy|0.85@1:41"]],
    ["p = :math:`0.25` (exact)\n", ["|p|0.25@1:12"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});

describe("labels where people put them; prose after an answer starts no claim", () => {
  test.each<[string, string[]]>([
    ["so AUC = 0.91\n", ["|auc|0.91@1:10"]],
    ["Thus the recall is 0.8\n", ["|recall|0.8@1:20"]],
    ["Correction: F1 = 0.7\n", ["|f1|0.7@1:18"]],
    ["the mean is 0.28\n", ["|mean|0.28@1:13"]],
    ["Precision = 0.8, precision is low because the classes overlap\n", ["|precision|0.8@1:13"]],
    ["Recall $_A=\\frac{45}{50}=0.9$\n", ["|recall a|0.9@1:26"]],
    ["the RMSE is sqrt(0.054) = 0.232.\n", ["|rmse|0.232@1:27"]],
    ["$P(D \\mid +) = 0.27$\n", ["|p d|0.27@1:16"]],
    ["P = small\n", ["|p|!unreadable-value@1:5"]],
    ["F1 = 0.8\n\nCorrection: F1 = 0.81\n", ["|f1|0.8@1:6", "|f1|0.81@3:18"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});

describe("two values offered in one claim are two-values; a later claim answers", () => {
  test.each<[string, string[]]>([
    ["x = 0.5 or 0.6\n", ["|x|!two-values@1:5"]],
    ["dz1 = [0.901, 0] or [0.901, -0.081]\n", ["|dz1|!two-values@1:7"]],
    ["P = 0.26–0.27 (depends on rounding)\n", ["|p|!two-values@1:5"]],
    ["P = 0.26—0.27\n", ["|p|!two-values@1:5"]],
    ["P = 0.7 - 0.1\n", ["|p|0.6@1:5"]],
    ["P = $0.3$ or $0.4$\n", ["|p|!two-values@1:6"]],
    // `either` after `is`, `:` or `=`; `or` in the languages of decimal-comma writers, in text and in `\text{}`
    ["F1 is either 0.5 or 0.6\n", ["|f1|!two-values@1:14"]],
    ["F1: either 0.5 or 0.6\n", ["|f1|!two-values@1:12"]],
    ["F1 = 0,5 oder 0,6\n", ["|f1|!two-values@1:6"]],
    ["F1 = 0,5 lub 0,6\n", ["|f1|!two-values@1:6"]],
    ["F1 = 0,5 of 0,6\n", ["|f1|!two-values@1:6"]],
    ["F1 = 0,5 o 0,6\n", ["|f1|!two-values@1:6"]],
    ["F1 = 0,5 ou 0,6\n", ["|f1|!two-values@1:6"]],
    ["F1 = 0,5, misschien 0,6\n", ["|f1|!two-values@1:6"]],
    ["$F1 = 0{,}5 \\text{ oder } 0{,}6$\n", ["|f1|!two-values@1:7"]],
    // not hedges: a count after `out of`, words after `of`, a letter `o` with no value after it
    ["acc = 0.8 out of 1.0\n", ["|acc|0.8@1:7"]],
    ["F1 = 0.5 of the 3 runs\n", ["|f1|0.5@1:6"]],
    ["y = 0.5 o\n", ["|y|0.5 * o@1:5"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});

describe("an unread middle step does not end the chain", () => {
  test.each<[string, string[]]>([
    ["dh = W2 @ dz2 = [0.90, -0.08]\n", ["|dh|[0.9,-0.08]@1:17"]],
    ["dh = W2 dz2 = [0.994, 0.020]\n", ["|dh|[0.994,0.02]@1:15"]],
    ["P = TP/(TP+FP) Recall = 0.8\n", ["|p|T * P / (T * P + F * P)@1:5", "|recall|0.8@1:25"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});

describe('the formulas and images the reader read are exposed for reports', () => {
  test.each<[string, Array<[number, number, boolean]>, Array<[number, number, string]>]>([
    ['a $x$ b\n', [[2, 5, false]], []],
    ['$$\nL = 1\n$$\n\n![plot](p.png) and \\(y\\)\n', [[0, 11, true], [32, 37, false]], [[13, 27, 'plot']]],
    ['`$5` and $y = 2$\n', [[9, 16, false]], []],
  ])('%j', (text, math, images) => {
    const parsed = readSubmission(text);
    expect(parsed.math.map((m) => [m.open, m.end, m.display])).toEqual(math);
    expect(parsed.images.map((i) => [i.start, i.end, i.alt])).toEqual(images);
  });
});

// Blind batch 2 (issue 7): the conventions behind its misses, each with its refusals.

describe("a sub-part number opening a line under its question is a marker, not a label or a value", () => {
  test.each<[string, string[]]>([
    ["1. Softmax\n\n1.2 p_T = (0.864, 0.117, 0.019), much peakier.\n\n1.3 H(p) = 0.847 or 1.222\n", ["1.2|p t|[0.864,0.117,0.019]@3:11", "1.3|h p|!two-values@5:12"]],
    ["## 2. Attention\n\n2.1 scores = (1.155, 0.577, 0.577)\n2.3 o = weights · K = (0.7, 0.5)\n", ["2.1|scores|[1.155,0.577,0.577]@3:14", "2.3|o|[0.7,0.5]@4:23"]],
    // not under its question, or a value sentence: text as before
    ["2. Attention\n\n1.2 p_T = 0.5\n", ["2|1.2 p t|0.5@3:11"]],
    ["2. Attention\n\n2.5 is the rate; x = 1\n", ["2|x|1@3:22"]],
    ["1.2 p_T = 0.5\n", ["|1.2 p t|0.5@1:11"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});

describe("labels inside sentences: `is` before a bracket of numbers; not `is close to` nor `comes out to`", () => {
  test.each<[string, string[]]>([
    ["After one iteration, the new centroid 1 is (1.333, 1.333) and the new centroid 2 is (4.5, 3.5).\n", ["|new centroid 1|[1.333,1.333]@1:44", "|new centroid 2|[4.5,3.5]@1:85"]],
    ["so the weights are [0.5, 0.3, 0.2]\n", ["|weights|[0.5,0.3,0.2]@1:20"]],
    ["Attention weights: ~~(0.483, 0.259, 0.259)~~ (0.471, 0.264, 0.264), I had rounded badly.\n", ["|attention weights|[0.471,0.264,0.264]@1:46"]],
    // a comparison, not a result; words in brackets are no value
    ["The cosine similarity is close to 1 because both point up.\n", []],
    // verbs the SPEC does not name as relations are prose
    ["the loss comes out to 0.35\n", []],
    ["hence the loss works out to 0.35\n", []],
    ["the answer is (see above)\n", []],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});

describe("plain-text chains: an unread middle step does not end the chain", () => {
  test.each<[string, string[]]>([
    ["H(p) = -sum_i p_i log_2 p_i = -(0.5 log_2 0.5 + 0.5 log_2 0.5) = 1\n", ["|h p|1@1:66"]],
    ["H(p) = -sum_i p_i log_2 p_i = ... = 1.4855\n", ["|h p|1.4855@1:37"]],
    ["H = −Σ p ln p = 0.361 + 0.230 = 0.591\n", ["|h|0.591@1:33"]],
    ["H = −Σ p ln p = … = 1.280\n", ["|h|1.28@1:21"]],
    ["attention weights = softmax(scores) = [0.576, 0.212, 0.212]\n", ["|attention weights|[0.576,0.212,0.212]@1:39"]],
    ["w = softmax of my scores = [0.5, 0.5]\n", ["|w|[0.5,0.5]@1:28"]],
    // the final step decides: unread at the end is unread
    ["H(p) = 1.5 = -sum_i p_i log_2 p_i\n", ["|h p|!unreadable-value@1:14"]],
    ["Frobenius norm: $ sqrt(4 + 1 + 1 + 9) = sqrt(15) approx 3.873 $\n", ["|frobenius norm|!unreadable-value@1:41"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});

describe("a hedge anywhere after the value: a bracket, a comma, a dash, `either`, a unit between", () => {
  test.each<[string, string[]]>([
    ["Frobenius norm = √15 ≈ 3.87 (or 15 if you don't take the root?)\n", ["|frobenius norm|!two-values@1:24"]],
    ["H(p) = 0.847 or 1.222 (depends on the log base)\n", ["|h p|!two-values@1:8"]],
    ["p = 0.35, maybe 0.36\n", ["|p|!two-values@1:5"]],
    ["p = 0.35, or maybe 0.36\n", ["|p|!two-values@1:5"]],
    ["p = 0.35 (maybe 0.36)\n", ["|p|!two-values@1:5"]],
    ["p = 0.35 — or 0.36\n", ["|p|!two-values@1:5"]],
    ["p = $0.35$, maybe $0.36$\n", ["|p|!two-values@1:6"]],
    ["H = 0.847 nats or 1.222 bits\n", ["|h|!two-values@1:5"]],
    ["p = either 0.3 or 0.4\n", ["|p|!two-values@1:12"]],
    ["p = either 0.3/0.4\n", ["|p|!two-values@1:12"]],
    ["p = 0.847 / 1.222 (depending on the base)\n", ["|p|!two-values@1:5"]],
    ["$L = 0.379 \\text{ or } 0.165$\n", ["|l|!two-values@1:6"]],
    ["| Quantity | Value |\n|---|---|\n| SSE | 0.35 or 0.36 |\n| MSD | either 0.3 or 0.4 |\n", ["|sse|!two-values@3:9", "|msd|!two-values@4:16"]],
    // one value: a division, the same number written twice, a number in a note, another relation after a comma
    ["p = 0.3/0.4\n", ["|p|0.7499999999999999@1:5"]],
    ["p = 5/6\n", ["|p|0.8333333333333334@1:5"]],
    ["acc = 0.82 (or 82%)\n", ["|acc|0.82@1:7"]],
    ["acc = 0.8 (computed on 5 or 6 samples)\n", ["|acc|0.8@1:7"]],
    ["H(p) = 1.49 bits, which is less than log₂3 = 1.585\n", ["|h p|1.49@1:8", "|less than log23|1.585@1:46"]],
    ["x = 0.5, or in other words small\n", ["|x|0.5@1:5"]],
    ["acc = 0.82 or 82\n", ["|acc|!two-values@1:7"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });

  test('the refusal names both values', () => {
    const step = readSubmission("Frobenius norm = √15 ≈ 3.87 (or 15 if you don't take the root?)").claims[0].steps[1];
    expect(step).toMatchObject({ value: null, refusal: { kind: 'unreadable', code: 'two-values', reason: 'two values given: 3.87 or 15' } });
  });
});

// Blind batch 3 (issue 7): phone-typed times signs and math labels after a colon.

describe("a lone `x` between an expression and a word is a times sign; only the final step decides", () => {
  test.each<[string, string[]]>([
    ["w new = w - 0.5 x grad w = [0.5 - 0.295, -0.25 + 0.4] = [0.205, 0.15]\n", ["|w new|[0.205,0.15]@1:57"]],
    ["w new = w - 0.5 x grad w = ... = [0.205, 0.15]\n", ["|w new|[0.205,0.15]@1:34"]],
    ["w new = ... = [0.205, 0.15]\n", ["|w new|[0.205,0.15]@1:15"]],
    ["w new = … = [0.205, 0.15]\n", ["|w new|[0.205,0.15]@1:13"]],
    // a chain that ends elided has no final value; after a bare value the words label a claim
    ["w new = w - 0.5 x grad w = [0.2, 0.1] = ...\n", ["|w new|!unreadable-value@1:41"]],
    ["w new = [0.2, 0.1] = …\n", ["|w new|!unreadable-value@1:22"]],
    ["P = 0.9 x hat = 0.3\n", ["|p|0.9@1:5", "|x hat|0.3@1:17"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});

describe("math that a relation in text follows labels its own claim, after `:` or `is` too; a struck value is withdrawn", () => {
  test.each<[string, string[]]>([
    ["Gradient descent, $\\eta = 0.5$:\n\n$w_{new}$ = ~~[0.205, 0.150]~~ [0.795, -0.650]\n", ["|eta|0.5@1:27", "|w new|[0.795,-0.65]@3:32"]],
    ["Final answer: $w_{new}$ = [0.795, -0.650]\n", ["|w new|[0.795,-0.65]@1:27"]],
    ["The update is $w$ = 0.3\n", ["|w|0.3@1:21"]],
    // a struck value with nothing after it leaves no claim; math that is a value still relates
    ["Gradient descent, $\\eta = 0.5$:\n\n$w_{new}$ = ~~[0.205, 0.150]~~\n", ["|eta|0.5@1:27"]],
    ["Jacobian:\n\n$$\\begin{bmatrix}1 & 2\\end{bmatrix}$$\n", ["|jacobian|[[1,2]]@3:3"]],
    ["The result is $0.5$ = 1/2\n", ["|result|0.5@1:23"]],
  ])('%j', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });
});
