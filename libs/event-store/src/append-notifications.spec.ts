import { isPending } from '@customs-pulse/testing';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';

import { AppendNotifications } from './append-notifications.js';

const POLL_MS = 1_000;


describe('AppendNotifications', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('starts at generation 0 and moves one generation per notify', () => {
    const notifications = new AppendNotifications();
    const before = notifications.seen;

    notifications.notify();
    notifications.notify();

    expect(before).toBe(0);
    expect(notifications.seen).toBe(2);
  });

  it('waits while nothing is appended after the generation seen', async () => {
    const notifications = new AppendNotifications();

    const wait = notifications.wait(notifications.seen, POLL_MS);

    expect(await isPending(wait)).toBe(true);
    notifications.notify();
    await wait;
  });

  it('resolves on the next notify after the generation seen and clears its poll timer', async () => {
    const notifications = new AppendNotifications();
    const wait = notifications.wait(notifications.seen, POLL_MS);

    notifications.notify();

    expect(await isPending(wait)).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('wakes every waiter on one notify', async () => {
    const notifications = new AppendNotifications();
    const seen = notifications.seen;
    const waits = [notifications.wait(seen, POLL_MS), notifications.wait(seen, POLL_MS), notifications.wait(seen, POLL_MS)];

    notifications.notify();

    expect(await isPending(Promise.all(waits))).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves at once, without a timer, when an append landed after the generation seen', async () => {
    const notifications = new AppendNotifications();
    const seen = notifications.seen;
    notifications.notify();

    const wait = notifications.wait(seen, POLL_MS);

    expect(await isPending(wait)).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves after timeoutMs when nothing is appended (a poll)', async () => {
    const notifications = new AppendNotifications();
    const wait = notifications.wait(notifications.seen, POLL_MS);

    jest.advanceTimersByTime(POLL_MS - 1);
    expect(await isPending(wait)).toBe(true);

    jest.advanceTimersByTime(1);
    expect(await isPending(wait)).toBe(false);
  });

  it('is not woken by a notify once it has timed out, and a later waiter still is', async () => {
    const notifications = new AppendNotifications();
    const timedOut = notifications.wait(notifications.seen, POLL_MS);
    jest.advanceTimersByTime(POLL_MS);
    await timedOut;

    const next = notifications.wait(notifications.seen, POLL_MS);
    notifications.notify();

    expect(await isPending(next)).toBe(false);
  });

  it('resolves when the signal aborts and clears its poll timer', async () => {
    const notifications = new AppendNotifications();
    const controller = new AbortController();
    const wait = notifications.wait(notifications.seen, POLL_MS, controller.signal);
    expect(await isPending(wait)).toBe(true);

    controller.abort();

    expect(await isPending(wait)).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves at once, without a timer, when the signal is already aborted', async () => {
    const notifications = new AppendNotifications();

    const wait = notifications.wait(notifications.seen, POLL_MS, AbortSignal.abort());

    expect(await isPending(wait)).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('wakes only the waiters of the aborted signal', async () => {
    const notifications = new AppendNotifications();
    const controller = new AbortController();
    const aborted = notifications.wait(notifications.seen, POLL_MS, controller.signal);
    const other = notifications.wait(notifications.seen, POLL_MS);

    controller.abort();

    expect(await isPending(aborted)).toBe(false);
    expect(await isPending(other)).toBe(true);
    notifications.notify();
    await other;
  });
});
