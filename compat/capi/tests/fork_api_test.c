/* PyOS_BeforeFork / PyOS_AfterFork_Parent / PyOS_AfterFork_Child around a fork() made from C, with a Python
 * thread running: the register_at_fork hooks run in their order, and the child can run Python code (threads
 * included) afterwards. */
#include <Python.h>

#include <sys/wait.h>
#include <unistd.h>

#include "capi_check.h"

int main(void) {
  Py_Initialize();
  CHECK(PyRun_SimpleString("import os, sys, threading\n"
                           "log = []\n"
                           "os.register_at_fork(before=lambda: log.append('before'),\n"
                           "                    after_in_parent=lambda: log.append('parent'),\n"
                           "                    after_in_child=lambda: log.append('child'))\n"
                           "stop = threading.Event()\n"
                           "spinner = threading.Thread(target=lambda: [x for x in iter(lambda: stop.wait(0.001), True)])\n"
                           "spinner.start()\n") == 0,
        "setup failed");
  PyOS_BeforeFork();
  pid_t pid = fork();
  if (pid == 0) {
    PyOS_AfterFork_Child();
    int rc = PyRun_SimpleString("assert log == ['before', 'child'], log\n"
                                "assert threading.active_count() == 1\n"
                                "assert not spinner.is_alive()\n"
                                "t = threading.Thread(target=lambda: log.append(sum(range(1000))))\n"
                                "t.start(); t.join()\n"
                                "assert log[-1] == 499500\n");
    fflush(stdout);
    _exit(rc == 0 ? 0 : 3);
  }
  PyOS_AfterFork_Parent();
  CHECK(pid > 0, "fork failed");
  int status = 0;
  CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
  CHECK(PyRun_SimpleString("assert log == ['before', 'parent'], log\n"
                           "stop.set(); spinner.join()\n") == 0,
        "parent log");
  Py_FinalizeEx();
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
