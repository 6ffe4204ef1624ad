import { jest } from '@jest/globals';

// Longer than the 10 s a subscription test waits for its events, so a stalled one fails on what it missed
// instead of on Jest's default 5 s timeout.
jest.setTimeout(30_000);
