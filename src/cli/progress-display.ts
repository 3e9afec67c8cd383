import { Presets, SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr for one step of a long command (reading a file, writing an import): done and
 * total in the step's unit, rate and time left. On a terminal it redraws in place; otherwise (CI, a log
 * file) it prints a plain line every two seconds, so the output stays readable.
 */
export class ProgressDisplay {
  private bar: SingleBar | undefined;
  private step = '';
  private started = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** Shows `value` of `total` for `step`, starting a new bar when the step changes. */
  update(step: string, value: number, total: number, unit: string): void {
    if (step !== this.step) {
      this.stop();
      this.step = step;
      this.started = performance.now();
      this.bar = new SingleBar(
        {
          format: `${step.padEnd(34)} {bar} {percentage}% | {done}/{all} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
          stream: this.stream,
          noTTYOutput: true,
          notTTYSchedule: 2000,
          hideCursor: true,
          etaBuffer: 50,
        },
        Presets.shades_classic,
      );
      this.bar.start(Math.max(total, 1), 0, { done: '0', all: format(total), rate: '0' });
    }
    const seconds = (performance.now() - this.started) / 1000;
    this.bar?.setTotal(Math.max(total, 1));
    this.bar?.update(value, {
      done: format(value),
      all: format(total),
      rate: format(seconds > 0 ? Math.round(value / seconds) : 0),
    });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
    this.step = '';
  }
}

function format(value: number): string {
  return value >= 10_000_000 ? `${(value / 1_000_000).toFixed(1)}M` : value.toLocaleString('en-US');
}
