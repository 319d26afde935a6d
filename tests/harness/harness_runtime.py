"""Runs PySpark Streaming programs on real PySpark, deterministically (see README.md).

One SparkContext (local[2]) serves every program of a harness run. Each program gets its own
StreamingContext, driven by Spark's ManualClock: the harness advances the clock one batch interval
at a time and waits until that batch's jobs have all completed before it advances again, so the
result is what a machine infinitely faster than the batch interval would print (SEMANTICS.md §I).

This module must be imported (not run as __main__): the hooks it registers in each streaming
context are pickled by reference when a program enables checkpointing.
"""

import os
import re
import shutil
import sys
import tempfile
import threading
import time
import traceback
import warnings

_real_sleep = time.sleep
_MAIN_THREAD = threading.main_thread()
HERE = os.path.dirname(os.path.abspath(__file__))

# Upper bound for one batch (generation + all its jobs), in real seconds.
BATCH_TIMEOUT_S = float(os.environ.get("EDDY_HARNESS_BATCH_TIMEOUT", "180"))


class HarnessError(BaseException):
    """The harness itself failed (a batch never completed, the JVM went away, ...).

    A BaseException so that a program's `except Exception:` cannot swallow it.
    """


# --------------------------------------------------------------------------------------------
# program header
# --------------------------------------------------------------------------------------------

def read_header(path):
    """Returns (batches, ordered) from the leading `# batches: N` / `# ordered: true` lines."""
    batches = None
    ordered = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            m = re.match(r"#\s*batches:\s*(\d+)\s*$", line)
            if m:
                batches = int(m.group(1))
            m = re.match(r"#\s*ordered:\s*(\w+)\s*$", line)
            if m:
                ordered = m.group(1).lower() == "true"
    if batches is None:
        raise ValueError("%s: missing '# batches: N' header line" % path)
    return batches, ordered


# --------------------------------------------------------------------------------------------
# stdout capture
# --------------------------------------------------------------------------------------------

class _Capture:
    """sys.stdout while a program runs. Written to by the main thread (prints between batches)
    and by py4j callback threads (pprint, print inside foreachRDD/transform)."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self):
        self._parts = []
        self._lock = threading.Lock()

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        with self._lock:
            self._parts.append(s)
        return len(s)

    def writelines(self, lines):
        for s in lines:
            self.write(s)

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True

    def fileno(self):
        raise OSError("captured stdout has no file descriptor")

    def getvalue(self):
        with self._lock:
            return "".join(self._parts)


# --------------------------------------------------------------------------------------------
# the per-program state
# --------------------------------------------------------------------------------------------

class ProgramRun:
    def __init__(self, path, batches):
        self.path = os.path.abspath(path)
        self.batches = batches
        self.ssc = None
        self.batch_ms = None
        self.clock = None
        self.started = False
        self.stopped = False
        self.batches_run = 0  # in the whole program (at most `batches`)
        self.ctx_batches = 0  # in the current StreamingContext (its clock starts at 0)
        self.virtual_us = 0
        self.cond = threading.Condition()
        self.generated = set()  # batch times (ms) whose jobs were generated
        self.finished = set()  # batch times (ms) whose last job ran
        self.failed_generation = []  # batch times (ms) whose job generation raised
        self.batch_seconds = []  # real seconds per batch
        self._waiter = None

    # hooks, called from py4j callback threads -------------------------------------------------
    def on_generated(self, ms):
        with self.cond:
            self.generated.add(ms)
            self.cond.notify_all()

    def on_finished(self, ms):
        with self.cond:
            self.finished.add(ms)
            self.cond.notify_all()

    def take_waiter_error(self):
        """Reads and clears the StreamingContext's ContextWaiter.error, where Spark reports an
        exception in job generation or in a job (private; reached by reflection)."""
        if self._waiter is None:
            waiter = self.ssc._jssc.ssc().waiter()
            field = waiter.getClass().getDeclaredField("error")
            field.setAccessible(True)
            self._waiter = (waiter, field)
        waiter, field = self._waiter
        err = field.get(waiter)
        if err is not None:
            field.set(waiter, None)
        return err

    def new_context(self, ssc, batch_ms):
        """A (further) StreamingContext of the program: its clock and virtual time start at 0."""
        self.ssc = ssc
        self.batch_ms = batch_ms
        self.started = self.stopped = False
        self.clock = None
        self._waiter = None
        self.ctx_batches = 0
        self.virtual_us = 0
        with self.cond:
            self.generated.clear()
            self.finished.clear()

    # the virtual clock ---------------------------------------------------------------------------
    def sleep(self, seconds):
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        if not self.started or self.stopped:
            return
        self.virtual_us += int(round(seconds * 1_000_000))
        while (self.batches_run < self.batches
               and (self.ctx_batches + 1) * self.batch_ms * 1000 <= self.virtual_us):
            self.run_batch()

    def run_remaining(self):
        if not self.started or self.stopped:
            return
        while self.batches_run < self.batches:
            self.run_batch()
        self.virtual_us = max(self.virtual_us, self.ctx_batches * self.batch_ms * 1000)

    def run_batch(self):
        t0 = time.monotonic()
        target = (self.ctx_batches + 1) * self.batch_ms
        jssc = self.ssc._jssc.ssc()
        self.clock.advance(self.batch_ms)
        deadline = t0 + BATCH_TIMEOUT_S
        # 1. wait until the batch's jobs are generated (the last output operation, the
        #    harness's own, was reached) or generation failed (the error reaches the waiter).
        generated = False
        poll = 0.002
        while not generated:
            with self.cond:
                generated = self.cond.wait_for(lambda: target in self.generated, poll)
            if generated:
                break
            # Checking the waiter costs three py4j round trips: back off, so that a long
            # generation is not slowed down by the polling (2 cores only)
            poll = min(poll * 2, 0.05)
            if self.take_waiter_error() is not None:
                # generation failed: Spark submits no job at all for this batch
                self.failed_generation.append(target)
                break
            if time.monotonic() > deadline:
                raise HarnessError("batch at %d ms was never generated" % target)
        # 2. wait until the harness's job, the last of the batch, has run
        if generated:
            with self.cond:
                while target not in self.finished:
                    if time.monotonic() > deadline:
                        raise HarnessError("batch at %d ms never completed" % target)
                    self.cond.wait(0.05)
        # 3. ... and Spark has marked the whole job set completed
        scheduler = jssc.scheduler()
        while not scheduler.getPendingTimes().isEmpty():
            if time.monotonic() > deadline:
                raise HarnessError("batch at %d ms never left the pending job sets" % target)
            _real_sleep(0.001)
        # an exception inside a job (a failing lambda) is reported to the waiter; the stream
        # goes on (SEMANTICS §I), so forget it
        self.take_waiter_error()
        self.batches_run += 1
        self.ctx_batches += 1
        self.batch_seconds.append(time.monotonic() - t0)


_CURRENT = None  # the ProgramRun being executed


def _batch_ms(t):
    """The batch time a PySpark callback receives (a naive datetime in the driver's TZ=UTC)."""
    return int(round(t.timestamp() * 1000))


# Module-level functions, so that a checkpointed graph pickles them by reference.
def _generation_hook(t, rdd):
    run = _CURRENT
    if run is not None:
        run.on_generated(_batch_ms(t))
    return rdd


def _completion_hook(t, rdd):
    run = _CURRENT
    if run is not None:
        run.on_finished(_batch_ms(t))


# --------------------------------------------------------------------------------------------
# the shared SparkContext and the patches
# --------------------------------------------------------------------------------------------

_SC = None
_ORIG = {}


def _abs(path):
    """Relative paths are resolved against the program's directory (the Python cwd), as they
    would be if the program ran there; the JVM's own cwd is elsewhere."""
    if isinstance(path, str) and "://" not in path and not os.path.isabs(path):
        return os.path.abspath(path)
    return path


def start_spark():
    """Creates the one SparkContext of this harness run and installs the patches."""
    global _SC
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from pyspark import SparkConf, SparkContext

    log_conf = os.path.join(HERE, "log4j2.properties")
    conf = (
        SparkConf()
        .setMaster("local[2]")
        .setAppName("eddy-reference-harness")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.streaming.clock", "org.apache.spark.util.ManualClock")
        .set("spark.executorEnv.PYTHONHASHSEED", "0")
        .set("spark.driver.extraJavaOptions",
             "-Dlog4j2.configurationFile=file:%s -Duser.timezone=UTC %s"
             % (log_conf, os.environ.get("EDDY_HARNESS_JAVA_OPTS", "")))
    )
    _SC = SparkContext(conf=conf)
    _SC.setLogLevel(os.environ.get("EDDY_HARNESS_LOG_LEVEL", "OFF"))
    _install_patches()
    return _SC


def stop_spark():
    from pyspark import SparkContext

    if _SC is not None:
        SparkContext.stop(_SC)


def _install_patches():
    from pyspark import SparkContext, RDD
    from pyspark.streaming import StreamingContext

    sc = _SC

    # `SparkContext(...)`, whatever the arguments, returns the harness's one context: __new__
    # hands out the shared instance and __init__ does nothing on it. The class itself stays
    # PySpark's own, so isinstance checks and class attributes (_jvm, _gateway) are untouched.
    orig_sc_init = SparkContext.__init__

    def sc_new(cls, *args, **kwargs):
        return sc

    def sc_init(self, *args, **kwargs):
        if self is sc:
            return
        orig_sc_init(self, *args, **kwargs)

    SparkContext.__new__ = staticmethod(sc_new)
    SparkContext.__init__ = sc_init

    # sc.stop() does nothing; setLogLevel keeps the harness quiet
    sc.stop = lambda *a, **k: None
    sc.setLogLevel = lambda *a, **k: None
    for name in ("textFile", "wholeTextFiles", "binaryFiles", "setCheckpointDir"):
        orig = getattr(SparkContext, name)
        setattr(sc, name, (lambda orig: lambda path, *a, **k: orig(sc, _abs(path), *a, **k))(orig))

    orig_save = RDD.saveAsTextFile
    RDD.saveAsTextFile = lambda self, path, *a, **k: orig_save(self, _abs(path), *a, **k)

    _ORIG["ssc_init"] = StreamingContext.__init__
    _ORIG["ssc_start"] = StreamingContext.start
    _ORIG["ssc_stop"] = StreamingContext.stop
    _ORIG["ssc_checkpoint"] = StreamingContext.checkpoint
    _ORIG["ssc_textFileStream"] = StreamingContext.textFileStream

    def ssc_init(self, sparkContext, batchDuration=None, jssc=None):
        _ORIG["ssc_init"](self, sparkContext, batchDuration, jssc)
        run = _CURRENT
        if run is not None and jssc is None:
            if run.ssc is not None and not run.stopped:
                raise HarnessError("the harness supports one StreamingContext per program")
            run.new_context(self, int(batchDuration * 1000))

    def ssc_start(self):
        run = _CURRENT
        if run is None or run.ssc is not self:
            return _ORIG["ssc_start"](self)
        # The harness's own output operation, registered last: its transform runs at the end of
        # each batch's job generation, its foreachRDD as the batch's last job (A4).
        self.queueStream([[]]).transform(_generation_hook).foreachRDD(_completion_hook)
        _ORIG["ssc_start"](self)
        run.clock = self._jssc.ssc().scheduler().clock()
        if run.clock.getTimeMillis() != 0:
            raise HarnessError("the ManualClock does not start at 0")
        run.started = True

    def ssc_stop(self, stopSparkContext=True, stopGraceFully=False):
        run = _CURRENT
        if run is None or run.ssc is not self:
            return _ORIG["ssc_stop"](self, False, False)
        if run.stopped:
            return
        run.run_remaining()
        _stop_streaming(run)

    def ssc_await_termination(self, timeout=None):
        run = _CURRENT
        if run is None or run.ssc is not self:
            raise HarnessError("awaitTermination on a context the harness does not drive")
        if timeout is None:
            run.run_remaining()
        else:
            run.sleep(timeout)

    def ssc_await_termination_or_timeout(self, timeout):
        run = _CURRENT
        if run is None or run.ssc is not self:
            raise HarnessError("awaitTerminationOrTimeout on a context the harness does not drive")
        if run.stopped:
            return True
        run.sleep(timeout)
        return False

    StreamingContext.__init__ = ssc_init
    StreamingContext.start = ssc_start
    StreamingContext.stop = ssc_stop
    StreamingContext.awaitTermination = ssc_await_termination
    StreamingContext.awaitTerminationOrTimeout = ssc_await_termination_or_timeout
    StreamingContext.checkpoint = lambda self, directory: _ORIG["ssc_checkpoint"](self, _abs(directory))
    StreamingContext.textFileStream = (
        lambda self, directory: _ORIG["ssc_textFileStream"](self, _abs(directory)))

    def virtual_sleep(seconds):
        run = _CURRENT
        if (run is not None and threading.current_thread() is _MAIN_THREAD
                and sys._getframe(1).f_code.co_filename == run.path):
            run.sleep(seconds)
        else:
            _real_sleep(seconds)

    time.sleep = virtual_sleep


def _stop_streaming(run):
    """Stops the program's StreamingContext but not the shared SparkContext."""
    from pyspark.streaming import StreamingContext

    if run.ssc is None or run.stopped:
        return
    run.stopped = True
    _ORIG["ssc_stop"](run.ssc, False, False)
    StreamingContext._activeContext = None


# --------------------------------------------------------------------------------------------
# running one program
# --------------------------------------------------------------------------------------------

class Result:
    def __init__(self, path, output, seconds, batches_run, harness_error=None, top_level_error=None,
                 failed_generation=(), batch_ms=None):
        self.path = path
        self.batch_ms = batch_ms
        self.output = output
        self.seconds = seconds
        self.batches_run = batches_run
        self.harness_error = harness_error
        self.top_level_error = top_level_error
        self.failed_generation = list(failed_generation)


def format_top_level_error(exc, path):
    """The traceback the harness records for an exception that escapes the program:

        Traceback (most recent call last):
          File "NAME.py", line L, in <module>
          File "NAME.py", line L2, in some_function
        ValueError: message

    Only frames of the program file are listed (not PySpark's or the harness's), by base name,
    without source lines; the last line is Python's own `Type: message`.
    """
    lines = ["Traceback (most recent call last):"]
    for fs in traceback.extract_tb(exc.__traceback__):
        if fs.filename == path:
            lines.append('  File "%s", line %d, in %s' % (os.path.basename(path), fs.lineno, fs.name))
    lines.extend(l.rstrip("\n") for l in traceback.format_exception_only(type(exc), exc))
    return "\n".join(lines) + "\n"


def _mirror_dir(src_dir):
    """A scratch directory whose entries are symlinks to the program directory's entries:
    relative reads see the program's directory, writes (checkpoints, text files) stay out
    of the repository."""
    tmp = tempfile.mkdtemp(prefix="eddy-harness-")
    for name in os.listdir(src_dir):
        os.symlink(os.path.join(src_dir, name), os.path.join(tmp, name))
    return tmp


def run_program(path):
    global _CURRENT
    path = os.path.abspath(path)
    batches, _ordered = read_header(path)
    with open(path, encoding="utf-8") as f:
        source = f.read()
    run = ProgramRun(path, batches)
    capture = _Capture()
    old_cwd = os.getcwd()
    old_argv = sys.argv
    old_path = list(sys.path)
    old_stdout = sys.stdout
    workdir = _mirror_dir(os.path.dirname(path))
    harness_error = None
    top_level_error = None
    t0 = time.monotonic()
    _CURRENT = run
    try:
        os.chdir(workdir)
        sys.argv = [path]
        sys.path.insert(0, os.path.dirname(path))
        sys.stdout = capture
        globs = {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__}
        try:
            code = compile(source, path, "exec")
            exec(code, globs)
        except HarnessError:
            raise
        except SystemExit:
            pass
        except BaseException as e:  # the program raised at top level: it stops there
            top_level_error = e
            capture.write(format_top_level_error(e, path))
        if top_level_error is None:
            # a program that ends without stop() runs the remaining batches too
            run.run_remaining()
    except HarnessError as e:
        harness_error = "%s" % e
    except Exception as e:  # the JVM went away, py4j broke, ...
        harness_error = "".join(traceback.format_exception(type(e), e, e.__traceback__))
    finally:
        sys.stdout = old_stdout
        try:
            _stop_streaming(run)
        except Exception as e:
            harness_error = harness_error or ("stopping the StreamingContext failed: %s" % e)
        _CURRENT = None
        os.chdir(old_cwd)
        sys.argv = old_argv
        sys.path[:] = old_path
        shutil.rmtree(workdir, ignore_errors=True)
    return Result(path, capture.getvalue(), time.monotonic() - t0, run.batches_run,
                  harness_error=harness_error,
                  top_level_error=top_level_error,
                  failed_generation=run.failed_generation,
                  batch_ms=run.batch_ms)
