import { jest } from '@jest/globals';

// A fault test kills and restarts real processes, PostgreSQL clusters and brokers, and waits for each to recover:
// each step waits on a condition with its own deadline, and this is only the backstop above them all.
jest.setTimeout(300_000);
