# termios on a pseudo-terminal (os.openpty): tcgetattr/tcsetattr round trips, tty.setraw, window sizes, errors.
import termios, os, pty, tty
print(len([n for n in dir(termios) if n[0].isupper()]), termios.error.__module__, termios.error.__mro__[1].__name__)
print(termios.NCCS, termios.VMIN, termios.TIOCGWINSZ, termios.B9600, termios.VSWTCH)
master, slave = pty.openpty()
a = termios.tcgetattr(slave)
print(len(a), len(a[6]), type(a[6][0]).__name__, [type(x).__name__ for x in a[:6]])
termios.tcsetwinsize(slave, (24, 80))
print(termios.tcgetwinsize(slave))
tty.setraw(slave)
b = termios.tcgetattr(slave)
print(type(b[6][termios.VMIN]).__name__, b[6][termios.VMIN], b[3] & termios.ICANON)
termios.tcsetattr(slave, termios.TCSANOW, a)
print(termios.tcgetattr(slave) == a)
for bad in ([1, 2], a[:6] + [[b"x"]], a[:6] + [[1.5] * termios.NCCS]):
    try:
        termios.tcsetattr(slave, termios.TCSANOW, bad)
    except TypeError as e:
        print("TypeError", e)
try:
    termios.tcgetattr(1234)
except termios.error as e:
    print("termios.error", e.args)
try:
    termios.tcsetwinsize(slave, (1,))
except TypeError as e:
    print("TypeError", e)
termios.tcflush(slave, termios.TCIOFLUSH)
termios.tcdrain(slave)
class F:
    def fileno(self): return slave
print(len(termios.tcgetattr(F())))
os.close(master); os.close(slave)
import getpass
print(getpass.getpass.__name__)
