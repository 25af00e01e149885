# signal.set_wakeup_fd (and asyncio's add_signal_handler, which needs it and siginterrupt), pthread_kill,
# pthread_sigmask, sigpending and siginterrupt.
import signal, os, socket, asyncio, threading
r, w = os.pipe()
try:
    signal.set_wakeup_fd(w)
except ValueError as e:
    print("ValueError", e)
os.set_blocking(w, False)
print(signal.set_wakeup_fd(w))
signal.signal(signal.SIGUSR1, lambda *a: print("handler ran"))
os.kill(os.getpid(), signal.SIGUSR1)
print("wakeup byte", os.read(r, 10) == bytes([signal.SIGUSR1]))
print(signal.set_wakeup_fd(-1) == w)
try:
    signal.set_wakeup_fd(12345)
except OSError as e:
    print("OSError", e.errno)
def t():
    try:
        signal.set_wakeup_fd(-1)
    except ValueError as e:
        print("ValueError", e)
th = threading.Thread(target=t); th.start(); th.join()
try:
    signal.set_wakeup_fd(w, False)
except TypeError as e:
    print("TypeError", e)
async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.add_signal_handler(signal.SIGUSR2, lambda: fut.set_result("asyncio got SIGUSR2"))
    loop.call_soon(os.kill, os.getpid(), signal.SIGUSR2)
    print(await fut)
    loop.remove_signal_handler(signal.SIGUSR2)
asyncio.run(main())
signal.signal(signal.SIGUSR1, lambda *a: print("usr1 handler"))
signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
print("after pthread_kill")
old = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
print("blocked before:", signal.SIGUSR1 in old)
os.kill(os.getpid(), signal.SIGUSR1)
print("pending:", signal.SIGUSR1 in signal.sigpending())
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
print("unblocked")
for bad in ([0], [10000]):
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, bad)
    except ValueError as e:
        print("ValueError", e)
signal.siginterrupt(signal.SIGUSR1, True)
signal.siginterrupt(signal.SIGUSR1, False)
try:
    signal.siginterrupt(0, True)
except ValueError as e:
    print("ValueError", e)
