import katex from 'katex';
class Budget extends Error {}
function render(tex, budget, display=true) {
  let used = 0;
  const target = {};
  const macros = new Proxy(target, {
    getOwnPropertyDescriptor(t, k) { if (++used > budget) throw new Budget('x'); return Reflect.getOwnPropertyDescriptor(t, k); },
  });
  const t0 = Date.now();
  try {
    const out = katex.renderToString(tex, { throwOnError:false, trust:false, strict:'ignore', maxSize:10, maxExpand:1000, displayMode:display, output:'mathml', macros });
    return { used, ms: Date.now()-t0, len: out.length, out: out.slice(0,300) };
  } catch (e) { return { used, ms: Date.now()-t0, err: e.constructor.name }; }
}
const body = 'x^{2}+'.repeat(600);
const bomb = `\\def\\a{${body}}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b}\\c\\c\\c\\c\\c\\c\\c\\c\\c`;
console.log(bomb.length);
console.log(render(bomb, 1e9));
console.log(render(bomb, 50000));
for (const t of ['\\frac{40}{40+10}', 'F_1 = \\frac{2PR}{P+R} \\neq 0.85 \\dots', '\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}', '\\pmb{\\pmb{\\pmb{\\pmb{\\pmb{x+y}}}}}', '\\R \\implies \\iff \\cdots']) console.log(t.length, render(t, 1e9));
