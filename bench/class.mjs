// A generated class for rubrics/hw-metrics.yaml: submissions in the styles students use
// (OCR'd markers, labels written many ways, fractions then a rounded value, tables),
// right and wrong answers, all drawn from a seeded PRNG so every run writes the same bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The assignment's confusion matrix (rows = true class), as in the rubric's context. */
const CM = [
  [50, 5, 10],
  [7, 60, 8],
  [4, 6, 80],
];
const CLASSES = ['A', 'B', 'C'];

/**
 * Writes `count` submissions `student-0001.md` … into `dir`; returns their total bytes.
 * With `size: [min, max]` (bytes) each file is padded to a size drawn from that range
 * with working notes in the same styles (before the answers, so they change no verdict).
 * Example: `await writeClass('/tmp/class', 2000, 42)`, `await writeClass(dir, 1000, 7, { size: [5e3, 3e4] })`
 */
export async function writeClass(dir, count, seed, options = {}) {
  await mkdir(dir, { recursive: true });
  const random = prng(seed);
  let bytes = 0;
  for (let i = 1; i <= count; i++) {
    const answers = submissionText(random, i);
    const text = options.size ? padded(random, answers, options.size) : answers;
    bytes += Buffer.byteLength(text);
    await writeFile(path.join(dir, `student-${String(i).padStart(4, '0')}.md`), text);
  }
  return bytes;
}

const NOTES = [
  'Notes before the answers. The confusion matrix has the true class in its rows and the predicted class in its columns, so a row sum is the support of a class.',
  'Working: $TP_A = 50$, $FP_A = 7 + 4 = 11$, $FN_A = 5 + 10 = 15$, which is what the formulas below use.',
  '$$\\text{precision} = \\frac{TP}{TP + FP}, \\qquad \\text{recall} = \\frac{TP}{TP + FN}$$',
  'I first tried to average the rows, which is wrong: the macro average weighs every class alike, the weighted one by support.',
  '| class | TP | FP | FN |\n|---|---|---|---|\n| A | 50 | 11 | 15 |\n| B | 60 | 11 | 15 |\n| C | 80 | 18 | 10 |',
  '$$F_1 = \\frac{2PR}{P + R} = \\frac{2 \\cdot TP}{2 \\cdot TP + FP + FN}$$',
  '- the sigmoid squashes $z$ into $(0, 1)$\n- its derivative is $\\sigma(z)(1 - \\sigma(z))$\n- so the gradient of the loss is linear in the error',
];

/** `answers` with working notes in front until it is about a size drawn from [min, max]. */
function padded(random, answers, [min, max]) {
  const target = min + Math.floor(random() * (max - min));
  const notes = [];
  let bytes = Buffer.byteLength(answers);
  while (bytes < target) {
    const note = NOTES[Math.floor(random() * NOTES.length)];
    notes.push(note);
    bytes += Buffer.byteLength(note) + 2;
  }
  return notes.length === 0 ? answers : `${notes.join('\n\n')}\n\n${answers}`;
}

/**
 * mulberry32: a small, fast, seeded PRNG returning floats in [0, 1).
 * Example: `prng(1)()` -> the same number on every machine.
 */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One submission for student number `index`, in one of several styles.
 * Example: `submissionText(prng(7), 1)` -> "(a) Derive the gradient …"
 */
export function submissionText(random, index) {
  const pick = (items) => items[Math.floor(random() * items.length)];
  const chance = (p) => random() < p;
  const student = { pick, chance, random };
  return [
    chance(0.3) ? `---\nstudent: s${String(index).padStart(4, '0')}\n---\n` : '',
    chance(0.4) ? pick(['Homework 3: metrics', 'HW 3', 'Assignment 3 - classification metrics']) + '\n' : '',
    chance(0.3) ? `Name - Student ${index}\n` : '',
    questionOne(student),
    questionTwo(student),
  ].filter(Boolean).join('\n');
}

// ------------------------------------------------------------------- question 1

function questionOne(s) {
  const marker = s.pick(['(a)', 'a)', 'Answer 1) (a)', 'Q1 (a)', '## Problem 1\n\n(a)', '1. (a)']);
  const restated = s.chance(0.5) ? ' Gradient of the cross-entropy loss for the output layer weights\n' : '\n';
  const hat = s.pick(['\\hat{y}', '\\widehat{\\mathbf{y}}', '\\hat{\\mathbf{y}}']);
  const y = hat.includes('mathbf') ? '\\mathbf{y}' : 'y';
  const X = hat.includes('mathbf') ? '\\mathbf{X}' : 'X';
  const final = s.pick([
    `(${hat} - ${y})${X}`,
    `(${hat} - ${y}) ${X}`,
    `${X}(${hat} - ${y})`,
    `(${y} - ${hat})${X}`, // sign error
    `${hat}(1 - ${hat})${X}`, // stopped after the sigmoid's derivative
  ]);
  return [
    marker + restated,
    `$$L(W) = -[${y} \\log(${hat}) + (1 - ${y}) \\log(1 - ${hat})]$$`,
    s.chance(0.6) ? ` (${1 + Math.floor(s.random() * 3)})\n` : '',
    `$$${hat} = \\sigma(z) = \\frac{1}{1 + e^{-z}}$$\n`,
    `$$\\frac{\\partial L}{\\partial ${hat}} = \\frac{${hat} - ${y}}{${hat}(1 - ${hat})}$$\n`,
    s.chance(0.3) ? 'skipping the middle steps ...\n' : '',
    `$$\\frac{\\partial L}{\\partial W} = \\frac{${hat} - ${y}}{${hat}(1 - ${hat})} ${hat}(1 - ${hat}) ${X} = ${final}$$\n`,
    s.chance(0.5) ? `where ${X} is the input to the output layer\n` : '',
    questionOneB(s),
  ].join('\n');
}

function questionOneB(s) {
  const marker = s.pick(['(b)', 'b)', 'Part (b)', 'b.']);
  if (s.chance(0.3)) {
    return `${marker}\n\n\tpredicts about 1\tpredicts about 0\ntrue label 1\tnear-zero gradient\tstrong negative gradient\ntrue label 0\tstrong positive gradient\tnear-zero gradient\n`;
  }
  const sentences = [
    'When the prediction is confident and right the gradient is close to zero.',
    'A confident wrong prediction gives a gradient of size close to one.',
    'The sigmoid derivative cancels, so the gradient stays linear in the error.',
    'This is why cross-entropy trains faster than squared error here.',
    'Large errors push the weights harder than small ones.',
  ];
  const count = 1 + Math.floor(s.random() * (s.chance(0.3) ? 40 : 6));
  const prose = Array.from({ length: count }, () => s.pick(sentences)).join(' ');
  return `${marker} ${prose}\n`;
}

// ------------------------------------------------------------------- question 2

function questionTwo(s) {
  const header = s.pick(['Q 2', 'Question 2', 'Problem 2:', '## 2.', 'Aus 2)', '2.']);
  const partA = s.pick(['(a)', 'a)', 'Part (a)', 'ans2.a>']);
  const partB = s.pick(['(b)', 'b)', 'Part (b)', 'ans2.b>']);
  const metrics = perClassMetrics(s);
  const body = s.chance(0.15) ? metricsTable(s, metrics) : metricsLines(s, metrics);
  const given = s.chance(0.3) ? `$$CM = \\begin{bmatrix} ${CM.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{bmatrix}$$\n` : '';
  return [`${header}\n`, given, `${partA} Per-class metrics.\n`, body, `${partB}\n`, accuracyAndWeighted(s, metrics)].join('\n');
}

/** What this student computed for each class: true values, sometimes with a mistake. */
function perClassMetrics(s) {
  return CLASSES.map((name, k) => {
    const column = CM.reduce((sum, row) => sum + row[k], 0);
    const row = CM[k].reduce((a, b) => a + b, 0);
    let precision = CM[k][k] / column;
    let recall = CM[k][k] / row;
    const swapped = s.chance(0.08);
    if (swapped) [precision, recall] = [recall, precision];
    if (s.chance(0.05)) precision += s.pick([-0.05, 0.04, 0.1]); // arithmetic slip
    const f1 = (2 * precision * recall) / (precision + recall);
    return { name, k, row, precision, recall, f1, swapped };
  });
}

function metricsLines(s, metrics) {
  const style = s.pick(['underscore', 'words', 'short', 'math']);
  const decimals = s.pick([2, 2, 2, 3, 4]);
  const percent = s.chance(0.1);
  const lines = metrics.map((m) => {
    const parts = [
      `${label(style, 'Precision', 'P', m.name)} = $\\frac{${diag(m)}}{${m.swapped ? rowSum(m.k) : columnSum(m.k)}}$ = ${value(m.precision, decimals, percent)}`,
      `${label(style, 'Recall', 'R', m.name)} = $\\frac{${diag(m)}}{${m.swapped ? columnSum(m.k) : rowSum(m.k)}}$ = ${value(m.recall, decimals, percent)}`,
      `${label(style, 'F1', 'F1', m.name)} = $\\frac{2 \\cdot ${round(m.precision, 2)} \\cdot ${round(m.recall, 2)}}{${round(m.precision, 2)} + ${round(m.recall, 2)}}$ = ${value(m.f1, decimals, percent)}`,
    ];
    if (s.chance(0.03)) parts.pop(); // forgot one
    return s.chance(0.5) ? parts.join('; ') : parts.join('\n\n');
  });
  return lines.join('\n\n') + '\n';
}

function metricsTable(s, metrics) {
  const ocr = s.chance(0.3); // OCR reads B and C as Cyrillic look-alikes
  const name = (n) => (ocr ? { A: 'A', B: '\u0412', C: '\u0421' }[n] : n);
  if (s.chance(0.5)) {
    const rows = metrics.map((m) => `| ${name(m.name)} | ${round(m.precision, 2)} | ${round(m.recall, 2)} | ${round(m.f1, 2)} |`);
    return ['| Class | Precision | Recall | F1 |', '|---|---|---|---|', ...rows].join('\n') + '\n';
  }
  const rows = metrics.map((m) => `${name(m.name)}\t${round(m.precision, 2)}\t${round(m.recall, 2)}\t${round(m.f1, 2)}`);
  return ['Class\tPrecision\tRecall\tF1', ...rows].join('\n') + '\n';
}

function accuracyAndWeighted(s, metrics) {
  const total = CM.flat().reduce((a, b) => a + b, 0);
  const correct = CM.map((row, k) => row[k]);
  const accuracy = s.chance(0.06) ? 0.8 : correct.reduce((a, b) => a + b, 0) / total;
  const shares = metrics.map((m) => round(m.row / total, 2));
  const weighted = metrics.reduce((sum, m, k) => sum + round(m.f1, 2) * shares[k], 0);
  const accuracyLine = s.chance(0.5)
    ? `Accuracy =\n$$\\frac{${correct.join('+')}}{${total}} = ${round(accuracy, 2)}$$\n`
    : `Accuracy = (${correct.join(' + ')}) / ${total} = ${round(accuracy, 3)}\n`;
  const terms = metrics.map((m, k) => `${round(m.f1, 2)} \\cdot ${shares[k]}`).join(' + ');
  const weightedLine = s.chance(0.85)
    ? `${s.pick(['Weighted F1', 'weighted average F1-score', 'Weighted avg F1'])} = $${terms}$ = ${round(weighted, 3)}\n`
    : ''; // left out
  return [accuracyLine, weightedLine].join('\n');
}

// ------------------------------------------------------------------- writing numbers

function label(style, word, short, name) {
  if (style === 'underscore') return `${word}_${name}`;
  if (style === 'words') return `${word} for class ${name}`;
  if (style === 'short') return `${short}_${name}`;
  return `$${short}_{${name}}$`;
}

function diag(m) {
  return CM[m.k][m.k];
}

function columnSum(k) {
  return CM.map((row) => row[k]).join('+');
}

function rowSum(k) {
  return CM[k].join('+');
}

function value(x, decimals, percent) {
  return percent ? `${round(x * 100, Math.max(0, decimals - 2))}\\%` : String(round(x, decimals));
}

function round(x, decimals) {
  return Number(x.toFixed(decimals));
}
