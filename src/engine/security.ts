// The lock-down mathjs's "Security" page recommends: functions that alter the instance
// or parse new expressions are replaced by ones that throw, so an expression can only
// compute. TypeScript keeps the real entry points, saved before the override.
import type { MathJsInstance } from 'mathjs';
import { expressionNamespace, guardAllocations } from './allocation.js';

/** Functions no expression may call (mathjs's list, plus every other way to parse). */
export const DISABLED_FUNCTIONS = [
  'import',
  'createUnit',
  'evaluate',
  'parse',
  'simplify',
  'derivative',
  'resolve',
  'compile',
  'reviver',
  'parser',
] as const;

/** The real parser entry points, for TypeScript only. */
export interface TrustedEntryPoints {
  evaluate: MathJsInstance['evaluate'];
  parse: MathJsInstance['parse'];
  compile: MathJsInstance['compile'];
}

/**
 * Disables DISABLED_FUNCTIONS and `config` inside expressions; returns the real
 * evaluate/parse/compile. Call it last: afterwards `math.import` is disabled too.
 * @example const { evaluate } = lockDown(math); evaluate('1 + 1') // 2
 */
export function lockDown(math: MathJsInstance): TrustedEntryPoints {
  const trusted = { evaluate: math.evaluate, parse: math.parse, compile: math.compile };
  const disabled = Object.fromEntries(DISABLED_FUNCTIONS.map((name) => [name, disabledFunction(name)]));
  math.import(disabled, { override: true });
  // `config({number: "BigNumber"})` in an expression would reconfigure the shared instance.
  // Importing a replacement would also remove `math.config` from TypeScript, so only the
  // namespace that expressions resolve names in is changed.
  expressionNamespace(math).config = readOnlyConfig(math.config);
  // `zeros(1e5, 1e5)` must be an error, not an out-of-memory death.
  guardAllocations(expressionNamespace(math));
  return trusted;
}

/** A `config` that refuses calls but keeps the option getters compiled nodes read (`config.matrix`). */
function readOnlyConfig(config: MathJsInstance['config']): () => never {
  const refused = disabledFunction('config');
  for (const key of Object.keys(config)) {
    Object.defineProperty(refused, key, Object.getOwnPropertyDescriptor(config, key) as PropertyDescriptor);
  }
  return refused;
}


function disabledFunction(name: string): () => never {
  return () => {
    throw new Error(`${name} is disabled in markgrade expressions`);
  };
}
