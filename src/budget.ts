// The last-resort wall-clock budget (`--timeout`) for work done in this thread (SPEC §8).
// A timer cannot interrupt a synchronous stage, so the stage runs under node:vm's
// watchdog, which stops whatever JavaScript the thread is running (a loop, a regex, a
// library call) once the budget is spent, at about 0.3 ms a call and without a worker's
// start-up. The counted limits of limits.ts stop every known flood long before it.
import vm from 'node:vm';

const context = vm.createContext({ work: null });
const callWork = new vm.Script('work()');
/** The largest timeout node:vm takes (a uint32 of milliseconds). */
const MAX_MS = 2 ** 32 - 1;

/** The budget ran out: the stage was stopped where it was. */
export class BudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`took longer than ${budgetMs / 1000} s (--timeout)`);
  }
}

/**
 * Runs `work` (synchronous) in this thread, stopped with BudgetExceeded after `ms`
 * milliseconds; 0 or less (or not finite) means no budget. Module state the stopped
 * work was changing may be left half-way; markgrade's is caches of whole values.
 * @example withinBudget(30_000, () => gradeParsed(rubric, parsed, meta))
 */
export function withinBudget<T>(ms: number, work: () => T): T {
  if (!(ms > 0) || !Number.isFinite(ms)) return work();
  const outer = context.work;
  context.work = work;
  try {
    return callWork.runInContext(context, { timeout: Math.min(MAX_MS, Math.max(1, Math.ceil(ms))) }) as T;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new BudgetExceeded(ms);
    throw error;
  } finally {
    context.work = outer;
  }
}
