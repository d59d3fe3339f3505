export function main(_argv: readonly string[]): Promise<number> {
  process.stdout.write('alpaca-bot\n');
  return Promise.resolve(0);
}
