import { describe, expect, it } from '@jest/globals';
import { OutputTail } from './output-tail.js';

describe('OutputTail', () => {
  it('keeps only the last lines, oldest first, each under its stream', () => {
    const tail = new OutputTail(3);

    tail.write('stdout', 'one\ntwo\nthree\n');
    tail.write('stderr', 'four\n');

    expect(tail.text()).toBe('stdout| two\nstdout| three\nstderr| four');
    expect(tail.text(1)).toBe('stderr| four');
  });

  it('joins the chunks of one stream into lines, and never glues them to another stream\'s', () => {
    const tail = new OutputTail();

    tail.write('stdout', 'hal');
    tail.write('stderr', 'error: ');
    tail.write('stdout', 'f a line\n');
    tail.write('stderr', 'boom');

    expect(tail.text()).toBe('stdout| half a line\nstderr| error: boom');
  });

  it('cuts a very long line short, saying how long it was', () => {
    const tail = new OutputTail();

    tail.write('stdout', `${'x'.repeat(5_000)}\n`);

    expect(tail.text()).toBe(`stdout| ${'x'.repeat(2_000)}... (5000 characters)`);
  });
});
