// Preloaded (`node --import`) into every app process AppProcess starts: the app dies with the test process that
// started it. A test's `afterAll` stops its apps, and an exit hook kills them, but neither runs when the test process
// itself is killed (a CI time-out, SIGTERM, SIGKILL); without this the apps would live on, holding ports, consumer
// groups and database connections. The IPC channel closes whenever its other end goes, however it goes.
if (process.channel !== undefined) {
  // The channel alone must not keep an app alive that would otherwise exit.
  process.channel.unref();
  // SIGKILL, not SIGTERM: nobody waits for a graceful shutdown any more, and one that hangs would leave an orphan.
  process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
