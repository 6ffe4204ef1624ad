#!/usr/bin/env bash
# Single-node Apache Kafka broker (KRaft, broker+controller in one JVM) for tests and development.
#
#   scripts/kafka.sh start       start (or reuse) the broker, print its bootstrap address
#   scripts/kafka.sh stop        stop it (SIGTERM, SIGKILL after ~20 s)
#   scripts/kafka.sh kill        SIGKILL it, as a crash would; its data stays for `resume`
#   scripts/kafka.sh resume      start a stopped broker again with its data, ports and cluster id; print its address
#   scripts/kafka.sh status      print running/stopped + address; exit 0 if running, 3 if not
#   scripts/kafka.sh bootstrap   print the bootstrap address; exit 3 if not running
#
# Env: KAFKA_PORT (fixed broker port), KAFKA_CACHE_DIR (default <repo>/.cache/kafka),
#      KAFKA_RUN_DIR (the broker's config, data and logs; default <cache dir>/run): one broker per run dir, all
#      sharing the cache's jars, so that a test may run a broker of its own beside the shared one,
#      JAVA_HOME (optional; Kafka 4.x brokers need Java 17+).
#
# The official broker jars come from Maven Central (org.apache.kafka:kafka_2.13) rather than the
# kafka.apache.org tarball so that Maven's normal repository access, mirrors and proxies apply.
# kafkajs 2.2.4 was checked against this 4.x broker with scripts/kafka-smoke.mjs (createTopics,
# produce with headers, eachBatch consumer group, manual commitOffsets, admin fetchOffsets): it
# works, so no fallback to 3.9.x is needed. The versions kafkajs negotiates are all above the
# KIP-896 minimums (Produce v7, Fetch v11, ListOffsets v3, Metadata v6, OffsetCommit v5,
# OffsetFetch v4, FindCoordinator v2, JoinGroup v5, SyncGroup v3, LeaveGroup v3, CreateTopics v3,
# DeleteTopics v1, ApiVersions v2). On a fresh broker the first JoinGroup can fail with the
# retriable COORDINATOR_LOAD_IN_PROGRESS while __consumer_offsets is created; kafkajs restarts the
# consumer on its own.
set -euo pipefail

KAFKA_VERSION="4.4.0"
# log4j2 binding for slf4j 1.7 (the slf4j-api version Kafka 4.x depends on); same log4j as Kafka.
LOG4J_VERSION="2.25.5"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
START_TIMEOUT_S=60
STOP_TIMEOUT_S=20

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${KAFKA_CACHE_DIR:-$ROOT_DIR/.cache/kafka}"
LIBS_DIR="$CACHE_DIR/$KAFKA_VERSION/libs"
LIBS_MARKER="$LIBS_DIR/.complete"
RUN_DIR="${KAFKA_RUN_DIR:-$CACHE_DIR/run}"
PID_FILE="$RUN_DIR/broker.pid"
BOOTSTRAP_FILE="$RUN_DIR/bootstrap"
BROKER_LOG="$RUN_DIR/logs/server.log"
JVM_OPTS=(
  -Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$RUN_DIR/log4j2.properties" -Dlog4j2.shutdownHookEnabled=false
  "-Dkafka.logs.dir=$RUN_DIR/logs"
  -cp "$LIBS_DIR/*"
)

die() {
  echo "kafka.sh: $*" >&2
  exit 1
}

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    command -v java || die "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  fi
}

check_java() {
  local java version major
  java="$(java_bin)"
  version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  major="${version%%.*}"
  [[ "$major" =~ ^[0-9]+$ && "$major" -ge 17 ]] || die "Kafka $KAFKA_VERSION needs Java 17+, found '$version' at $java"
}

# Exclusive lock per broker so that concurrent callers (e.g. parallel test workers) don't race each other. The
# default run dir keeps the lock it always had; another run dir's lock lies beside it.
lock() {
  local lock_file="$CACHE_DIR/.lock"
  [[ "$RUN_DIR" == "$CACHE_DIR/run" ]] || lock_file="$RUN_DIR.lock"
  mkdir -p "$CACHE_DIR" "$(dirname "$lock_file")"
  exec 9>"$lock_file"
  flock 9
}

# Brokers of several run dirs share the jars: one fetch at a time.
fetch_libs() {
  [[ -f "$LIBS_MARKER" ]] && return 0
  exec 8>"$CACHE_DIR/.fetch.lock"
  flock 8
  [[ -f "$LIBS_MARKER" ]] && { exec 8>&-; return 0; }
  command -v mvn >/dev/null || die "mvn not found; it is needed once to fetch Kafka $KAFKA_VERSION from Maven Central"
  local work="$CACHE_DIR/$KAFKA_VERSION/.fetch"
  rm -rf "$work" "$LIBS_DIR"
  mkdir -p "$work"
  cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.customs-pulse</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-core</artifactId>
      <version>$LOG4J_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>$LOG4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
  echo "kafka.sh: fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS_DIR" >&2
  if ! mvn -q -B -f "$work/pom.xml" "$DEPENDENCY_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$work/libs" >"$work/mvn.log" 2>&1; then
    cat "$work/mvn.log" >&2
    die "maven could not fetch Kafka $KAFKA_VERSION"
  fi
  [[ -f "$work/libs/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "kafka_2.13-$KAFKA_VERSION.jar missing after fetch"
  # Rename into place last so that an interrupted fetch never looks like a complete cache.
  mv "$work/libs" "$LIBS_DIR"
  touch "$LIBS_MARKER"
  rm -rf "$work"
  exec 8>&-
}

# Prints the pid of the broker started by this script, or fails if it is not running. The command
# line check guards against the pid having been reused by an unrelated process.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(<"$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$RUN_DIR/server.properties" || return 1
  echo "$pid"
}

free_port() {
  # Two ports at once from one process so they can't collide with each other.
  node -e '
    const net = require("node:net");
    const a = net.createServer().listen(0, "127.0.0.1", () => {
      const b = net.createServer().listen(0, "127.0.0.1", () => {
        console.log(a.address().port, b.address().port);
        a.close(); b.close();
      });
    });'
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

random_cluster_id() {
  # Kafka Uuid: 16 random bytes, URL-safe base64 without padding; avoid a leading '-' like
  # org.apache.kafka.common.Uuid#randomUuid does, as it would look like a CLI flag.
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && break
  done
  echo "$id"
}

write_config() {
  local port="$1" controller_port="$2"
  cat >"$RUN_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$RUN_DIR/data
num.partitions=3
default.replication.factor=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
EOF
  cat >"$RUN_DIR/log4j2.properties" <<EOF
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $BROKER_LOG
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.clients.name = org.apache.kafka.clients
logger.clients.level = warn
logger.statechange.name = state.change.logger
logger.statechange.level = warn
logger.request.name = kafka.request.logger
logger.request.level = warn
EOF
}

cmd_start() {
  lock
  local pid
  if pid="$(running_pid)"; then
    cat "$BOOTSTRAP_FILE"
    return 0
  fi
  check_java
  fetch_libs

  local port controller_port ports
  ports="$(free_port)"
  port="${KAFKA_PORT:-${ports% *}}"
  controller_port="${ports#* }"
  [[ "$port" != "$controller_port" ]] || controller_port="${ports% *}"
  if port_open "$port"; then
    die "port 127.0.0.1:$port is already in use"
  fi

  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR/logs" "$RUN_DIR/data"
  write_config "$port" "$controller_port"

  if ! "$(java_bin)" "${JVM_OPTS[@]}" kafka.tools.StorageTool format \
    --config "$RUN_DIR/server.properties" --cluster-id "$(random_cluster_id)" \
    >"$RUN_DIR/logs/format.out" 2>&1 9>&-; then
    cat "$RUN_DIR/logs/format.out" >&2
    die "formatting the KRaft storage failed"
  fi
  launch "$port"
}

# Starts the broker again from its run dir as it was left (stopped or killed): same data, ports and cluster id.
cmd_resume() {
  lock
  local pid
  if pid="$(running_pid)"; then
    cat "$BOOTSTRAP_FILE"
    return 0
  fi
  [[ -f "$RUN_DIR/server.properties" ]] || die "no broker to resume in $RUN_DIR (run start first)"
  check_java
  local port
  port="$(sed -n 's/^listeners=PLAINTEXT:\/\/127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$RUN_DIR/server.properties")"
  [[ -n "$port" ]] || die "no PLAINTEXT listener in $RUN_DIR/server.properties"
  if port_open "$port"; then
    die "port 127.0.0.1:$port is already in use"
  fi
  # The readiness check below looks for the start line in the log: the last run's must not count.
  [[ -f "$BROKER_LOG" ]] && mv "$BROKER_LOG" "$BROKER_LOG.previous"
  launch "$port"
}

# Runs the broker of $RUN_DIR (configured and formatted) in the background and waits until it serves on $1.
launch() {
  local port="$1" pid
  # setsid + closed stdin: the broker must outlive the caller's shell/session (e.g. a Jest worker).
  # 9>&-: the broker must not inherit the lock fd, or it would hold the lock for its whole life.
  setsid "$(java_bin)" "${JVM_OPTS[@]}" kafka.Kafka "$RUN_DIR/server.properties" \
    </dev/null >>"$RUN_DIR/logs/broker.out" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"

  # "Kafka Server started" is logged once the broker is unfenced and serving requests; the port
  # check catches a broker that logged it but bound somewhere unexpected.
  local deadline=$((SECONDS + START_TIMEOUT_S))
  until grep -q "Kafka Server started" "$BROKER_LOG" 2>/dev/null && port_open "$port"; do
    if ! alive "$pid"; then
      tail -n 40 "$RUN_DIR/logs/broker.out" "$BROKER_LOG" >&2 2>/dev/null || true
      rm -f "$PID_FILE"
      die "broker exited during startup (logs in $RUN_DIR/logs)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$BROKER_LOG" >&2 2>/dev/null || true
      stop_pid "$pid"
      die "broker not ready after ${START_TIMEOUT_S}s (logs in $RUN_DIR/logs)"
    fi
    sleep 0.2
  done

  echo "127.0.0.1:$port" >"$BOOTSTRAP_FILE"
  cat "$BOOTSTRAP_FILE"
}

# A zombie counts as gone: within `start` the broker is our child and nobody reaps it.
alive() {
  local state
  state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null)" || return 1
  state="${state%% *}"
  [[ -n "$state" && "$state" != Z ]]
}

stop_pid() {
  local pid="$1" deadline=$((SECONDS + STOP_TIMEOUT_S))
  kill -TERM "$pid" 2>/dev/null || return 0
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      echo "kafka.sh: broker $pid did not stop within ${STOP_TIMEOUT_S}s, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  while alive "$pid"; do sleep 0.1; done
  rm -f "$PID_FILE" "$BOOTSTRAP_FILE"
}

cmd_stop() {
  lock
  local pid
  if pid="$(running_pid)"; then
    stop_pid "$pid"
  fi
  rm -f "$PID_FILE" "$BOOTSTRAP_FILE"
}

# SIGKILL, no shutdown: the data stays as a crash leaves it, for `resume`.
cmd_kill() {
  lock
  local pid
  if pid="$(running_pid)"; then
    kill -KILL "$pid" 2>/dev/null || true
    while alive "$pid"; do sleep 0.1; done
  fi
  rm -f "$PID_FILE" "$BOOTSTRAP_FILE"
}

cmd_status() {
  if running_pid >/dev/null && [[ -f "$BOOTSTRAP_FILE" ]]; then
    echo "running $(<"$BOOTSTRAP_FILE")"
    return 0
  fi
  echo "stopped"
  return 3
}

cmd_bootstrap() {
  if running_pid >/dev/null && [[ -f "$BOOTSTRAP_FILE" ]]; then
    cat "$BOOTSTRAP_FILE"
    return 0
  fi
  echo "kafka.sh: no broker running" >&2
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  kill) cmd_kill ;;
  resume) cmd_resume ;;
  status) cmd_status ;;
  bootstrap) cmd_bootstrap ;;
  *)
    echo "usage: $0 {start|stop|kill|resume|status|bootstrap}" >&2
    exit 2
    ;;
esac
