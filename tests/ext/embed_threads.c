/* An embedding program that calls into Python from many threads it created itself: after initialising the runtime
 * the main thread lets go (PyEval_SaveThread), then 8 pthreads each do 10,000 rounds of
 *   PyGILState_Ensure -> a Python function called with PyObject_Vectorcall, a method called with
 *   PyObject_CallMethod and with PyObject_VectorcallMethod -> PyGILState_Release
 * and it checks, and prints in a form that does not depend on timing:
 *   - every call happened: the shared list and the per-thread counters hold exactly 8 * 10,000 entries;
 *   - nothing leaked, counted: the reference count of an object passed in every call is back at its baseline, the
 *     thread has no thread state after each outermost Release, and further passes of 80,000 rounds do not grow
 *     the resident set beyond noise; the same for passes of 64 short-lived threads, so the thread states of exited
 *     threads must not pile up either.
 * The program builds against CPython 3.13 too (see BUILD), which prints the same output. */
#define _POSIX_C_SOURCE 200809L /* pthread barriers under -std=c11; the value CPython's pyconfig.h uses */
#include <Python.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "testext.h"

enum { kThreads = 8, kIters = 10000, kShortThreads = 64, kShortIters = 100 };

/* How much the resident set may grow (see the two checks in main). Under a sanitizer the allocator quarantines
 * freed memory and ThreadSanitizer keeps metadata for every lock and thread it has seen, so the resident set grows
 * by a few MiB per pass without any leak (under tsan: 141 -> 193 MiB over 16 passes, with a flat optimised build);
 * there the allowances only catch gross leaks, and the optimised build is the leak check. */
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
enum { kLongAllowanceKiB = 96 * 1024, kShortAllowanceKiB = 32 * 1024 };
#else
enum { kLongAllowanceKiB = 10 * 1024, kShortAllowanceKiB = 2 * 1024 };
#endif

static PyObject *g_work;  /* __main__.work(t, i, token) -> token, appends i to calls */
static PyObject *g_acc;   /* __main__.acc, whose bump(t, token) -> t counts per thread */
static PyObject *g_token; /* the shared object passed in every call */
static PyObject *g_bump;  /* the interned name "bump" */

static int g_errors = 0;
static pthread_mutex_t g_err_mu = PTHREAD_MUTEX_INITIALIZER;

static void thread_error(long id, long i, const char *what) {
  pthread_mutex_lock(&g_err_mu);
  if (g_errors++ < 10) fprintf(stderr, "thread %ld round %ld: %s\n", id, i, what);
  pthread_mutex_unlock(&g_err_mu);
}

static int fail(const char *what) {
  printf("FAIL: %s\n", what);
  fflush(stdout);
  return 1;
}

/* Resident set size in KiB (Linux). */
static long rss_kib(void) {
  long pages = 0, resident = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f == NULL) return -1;
  if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = -1;
  fclose(f);
  return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* The median of five readings. */
static long median5(const long *v) {
  long s[5];
  memcpy(s, v, sizeof s);
  for (int i = 1; i < 5; i++)
    for (int j = i; j > 0 && s[j - 1] > s[j]; j--) {
      long t = s[j];
      s[j] = s[j - 1];
      s[j - 1] = t;
    }
  return s[2];
}

/* One round: the three calls, each result checked. Called with the thread attached. */
static void one_round(long id, long i) {
  PyObject *t = PyLong_FromLong(id);
  PyObject *n = PyLong_FromLong(i);
  if (t == NULL || n == NULL) {
    PyErr_Print();
    thread_error(id, i, "PyLong_FromLong");
    Py_XDECREF(t);
    Py_XDECREF(n);
    return;
  }
  /* A Python function through vectorcall, with the spare slot before the arguments. */
  PyObject *stack[4] = {NULL, t, n, g_token};
  PyObject *r = PyObject_Vectorcall(g_work, stack + 1, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
  if (r != g_token) {
    if (r == NULL) PyErr_Print();
    thread_error(id, i, "work() did not return the token");
  }
  Py_XDECREF(r);
  /* A method through PyObject_CallMethod (format string) and PyObject_VectorcallMethod (self first). */
  r = PyObject_CallMethod(g_acc, "bump", "OO", t, g_token);
  if (r == NULL || PyLong_AsLong(r) != id) {
    if (r == NULL) PyErr_Print();
    thread_error(id, i, "acc.bump() via PyObject_CallMethod");
  }
  Py_XDECREF(r);
  PyObject *margs[3] = {g_acc, t, g_token};
  r = PyObject_VectorcallMethod(g_bump, margs, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
  if (r == NULL || PyLong_AsLong(r) != id) {
    if (r == NULL) PyErr_Print();
    thread_error(id, i, "acc.bump() via PyObject_VectorcallMethod");
  }
  Py_XDECREF(r);
  Py_DECREF(t);
  Py_DECREF(n);
}

typedef struct {
  long id;
  long iters;
} job;

static void *worker(void *arg) {
  job *j = arg;
  for (long i = 0; i < j->iters; i++) {
    PyGILState_STATE g = PyGILState_Ensure();
    if (g != PyGILState_UNLOCKED) thread_error(j->id, i, "Ensure on a released thread did not return UNLOCKED");
    if (!PyGILState_Check()) thread_error(j->id, i, "not attached after Ensure");
    one_round(j->id, i);
    PyGILState_Release(g);
    if (PyGILState_GetThisThreadState() != NULL) thread_error(j->id, i, "thread state kept after Release");
  }
  return NULL;
}

/* Runs `waves` waves of kThreads threads, each doing `iters` rounds. Returns 0 or 1. */
static int run_threads(int waves, long iters) {
  for (int w = 0; w < waves; w++) {
    pthread_t th[kThreads];
    job jobs[kThreads];
    for (long t = 0; t < kThreads; t++) {
      jobs[t].id = t;
      jobs[t].iters = iters;
      if (pthread_create(&th[t], NULL, worker, &jobs[t]) != 0) return 1;
    }
    for (int t = 0; t < kThreads; t++) pthread_join(th[t], NULL);
  }
  return 0;
}

/* A pool of kThreads host threads that serve every measured pass, so that their allocator heaps stay put and the
 * resident set measures what the passes keep, not which threads happened to come and go. Each pass: the main
 * thread (detached) meets the workers at `g_start`, they run `g_pass_iters` rounds each, and all meet at `g_done`.
 * The barriers order the plain reads and writes of g_pass_iters and g_quit. */
static pthread_barrier_t g_start, g_done;
static long g_pass_iters;
static int g_quit;
static pthread_t g_pool[kThreads];
static job g_pool_jobs[kThreads];

static void *pool_worker(void *arg) {
  job *j = arg;
  for (;;) {
    pthread_barrier_wait(&g_start);
    if (g_quit) return NULL;
    job run = {j->id, g_pass_iters};
    worker(&run);
    pthread_barrier_wait(&g_done);
  }
}

static int pool_start(void) {
  if (pthread_barrier_init(&g_start, NULL, kThreads + 1) != 0 || pthread_barrier_init(&g_done, NULL, kThreads + 1) != 0)
    return 1;
  for (long t = 0; t < kThreads; t++) {
    g_pool_jobs[t].id = t;
    if (pthread_create(&g_pool[t], NULL, pool_worker, &g_pool_jobs[t]) != 0) return 1;
  }
  return 0;
}

/* Called detached. */
static void pool_pass(long iters) {
  g_pass_iters = iters;
  pthread_barrier_wait(&g_start);
  pthread_barrier_wait(&g_done);
}

/* Called detached. */
static void pool_stop(void) {
  g_quit = 1;
  pthread_barrier_wait(&g_start);
  for (int t = 0; t < kThreads; t++) pthread_join(g_pool[t], NULL);
  pthread_barrier_destroy(&g_start);
  pthread_barrier_destroy(&g_done);
}

/* Runs `code` in __main__ (attached), then flushes sys.stdout so that its output and the C printf()s below keep
 * their order. */
static int run(const char *code) {
  if (PyRun_SimpleString(code) != 0) return fail(code);
  if (PyRun_SimpleString("import sys\nsys.stdout.flush()\n") != 0) return fail("flush");
  return 0;
}

/* printf, flushed at once. */
static void say(const char *fmt, const char *yes) {
  printf(fmt, yes);
  fflush(stdout);
}

int main(int argc, char **argv) {
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.site_import = 0;
  PyStatus st = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(st)) Py_ExitStatusException(st);

  if (run("calls = []\n"
          "class Acc:\n"
          "    def __init__(self, n):\n"
          "        self.hits = [0] * n\n"
          "    def bump(self, t, token):\n"
          "        self.hits[t] += 1  # only thread t writes slot t\n"
          "        return t\n"
          "acc = Acc(8)\n"
          "token = ['the token']\n"
          "def work(t, i, token):\n"
          "    calls.append(i)\n"
          "    return token\n"
          "def reset():\n"
          "    calls.clear()\n"
          "    acc.hits = [0] * 8\n"))
    return 1;
  PyObject *main_dict = PyModule_GetDict(PyImport_AddModule("__main__"));
  g_work = PyDict_GetItemString(main_dict, "work");
  g_acc = PyDict_GetItemString(main_dict, "acc");
  g_token = PyDict_GetItemString(main_dict, "token");
  g_bump = PyUnicode_InternFromString("bump");
  if (!g_work || !g_acc || !g_token || !g_bump) return fail("setup objects");
  Py_INCREF(g_work);
  Py_INCREF(g_acc);
  Py_INCREF(g_token);

  /* Warm-up: one wave of 1,000 rounds per thread, so that caches, specialisation and allocator pages settle. */
  PyThreadState *save = PyEval_SaveThread();
  if (run_threads(1, 1000)) return fail("pthread_create (warm-up)");
  PyEval_RestoreThread(save);
  if (run("assert len(calls) == 8 * 1000, len(calls)\nreset()\n")) return 1;
  Py_ssize_t token_base = Py_REFCNT(g_token);

  /* Sixteen measured passes of the same 8 host threads x 10,000 rounds (the pool above). The first one grows the
   * shared list and the allocator's pages to their working size; after that the resident set wanders within a band
   * of about 7 MiB (40 passes here stayed between 31 and 38 MiB), while a leak grows it with every pass. So the
   * median of passes 12-16 is compared with the median of passes 2-6: ten passes apart (800,000 rounds of three
   * calls), a leak of one small object (32 bytes) per round would add 24 MiB; the check allows 10
   * (kLongAllowanceKiB). */
  enum { kPasses = 16 };
  long rss[kPasses];
  save = PyEval_SaveThread();
  int pool_failed = pool_start();
  PyEval_RestoreThread(save);
  if (pool_failed) return fail("pthread_create (pool)");
  for (int pass = 0; pass < kPasses; pass++) {
    save = PyEval_SaveThread();
    if (PyGILState_Check()) return fail("attached after PyEval_SaveThread");
    pool_pass(kIters);
    PyEval_RestoreThread(save);
    if (g_errors) return fail("errors in the threads (see stderr)");
    if (run("print('calls:', len(calls), 'expected:', 8 * 10000)\n"
            "print('sum of round numbers exact:', sum(calls) == 8 * sum(range(10000)))\n"
            "print('each round seen 8 times:', sorted(set(calls)) == list(range(10000)) and\n"
            "      all(c == 8 for c in __import__('collections').Counter(calls).values()))\n"
            "print('per-thread bumps:', acc.hits)\n"
            "reset()\n"))
      return 1;
    say("token refcount back to baseline: %s\n", Py_REFCNT(g_token) == token_base ? "yes" : "no");
    if (Py_REFCNT(g_token) != token_base)
      fprintf(stderr, "token refcount %zd, baseline %zd\n", Py_REFCNT(g_token), token_base);
    rss[pass] = rss_kib();
  }
  save = PyEval_SaveThread();
  pool_stop();
  PyEval_RestoreThread(save);
  long growth = median5(rss + kPasses - 5) - median5(rss + 1);
  say("RSS growth from passes 2-6 to passes 12-16 (medians) within the allowance: %s\n",
      growth < kLongAllowanceKiB ? "yes" : "no");
  if (growth >= kLongAllowanceKiB || getenv("EMBED_THREADS_RSS")) {
    fprintf(stderr, "RSS after each pass (KiB):");
    for (int pass = 0; pass < kPasses; pass++) fprintf(stderr, " %ld", rss[pass]);
    fprintf(stderr, "\n");
  }

  /* Short-lived threads: 8 waves of 8 threads, 100 rounds each, three times; their thread states must go with
   * them (the third time must not grow the resident set by 2 MiB over the second). */
  for (int pass = 0; pass < 3; pass++) {
    save = PyEval_SaveThread();
    if (run_threads(kShortThreads / kThreads, kShortIters)) return fail("pthread_create (short threads)");
    PyEval_RestoreThread(save);
    if (g_errors) return fail("errors in the short-lived threads (see stderr)");
    if (run("print('short-lived threads: calls', len(calls), 'bumps', sum(acc.hits))\nreset()\n")) return 1;
    rss[pass] = rss_kib();
  }
  growth = rss[2] - rss[1];
  say("short-lived threads: RSS growth of the third pass within the allowance: %s\n",
      growth < kShortAllowanceKiB ? "yes" : "no");
  if (growth >= kShortAllowanceKiB || getenv("EMBED_THREADS_RSS"))
    fprintf(stderr, "RSS after each short pass (KiB): %ld %ld %ld\n", rss[0], rss[1], rss[2]);
  say("token refcount still at baseline: %s\n", Py_REFCNT(g_token) == token_base ? "yes" : "no");

  /* The main thread is attached again and can still run Python code. */
  if (run("import threading\nprint('main thread ok:', threading.current_thread() is threading.main_thread())\n"))
    return 1;
  Py_DECREF(g_work);
  Py_DECREF(g_acc);
  Py_DECREF(g_token);
  Py_DECREF(g_bump);
  if (Py_FinalizeEx() != 0) return fail("Py_FinalizeEx");
  printf("finalized\n");
  return 0;
}
