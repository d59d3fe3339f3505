// pino-roll ships no types; this is the subset we use (see node_modules/pino-roll/README.md).
declare module 'pino-roll' {
  interface PinoRollOptions {
    file: string | (() => string);
    size?: number | string;
    frequency?: number | 'daily' | 'hourly';
    extension?: string;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    mkdir?: boolean;
  }
  /** Resolves to a SonicBoom stream (a writable with write/flush/end). */
  export default function pinoRoll(options: PinoRollOptions): Promise<NodeJS.WritableStream & { write(chunk: string): boolean }>;
}
