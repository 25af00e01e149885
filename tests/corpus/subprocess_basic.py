# subprocess over _posixsubprocess.fork_exec, select and pipes: output capture, exit codes, errors from the child.
import subprocess, sys, os
r = subprocess.run(['echo', 'hello'], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(subprocess.check_output(['sh', '-c', 'echo out; echo err >&2; exit 0'], stderr=subprocess.STDOUT))
r = subprocess.run(['sh', '-c', 'exit 3'])
print(r.returncode)
try:
    subprocess.check_call(['sh', '-c', 'exit 4'])
except subprocess.CalledProcessError as e:
    print('CalledProcessError', e.returncode, e)
try:
    subprocess.run(['/nonexistent/prog'])
except OSError as e:
    print(type(e).__name__, e.errno, e.filename)
try:
    subprocess.run(['nonexistent_prog_xyz'])
except OSError as e:
    print(type(e).__name__, e)
try:
    subprocess.run(['ls'], cwd='/nonexistent_dir')
except OSError as e:
    print(type(e).__name__, e)
r = subprocess.run(['pwd'], cwd='/', capture_output=True, text=True); print(repr(r.stdout))
r = subprocess.run(['sh', '-c', 'echo $FOO'], env={'FOO': 'bar'}, capture_output=True); print(r.stdout)
r = subprocess.run(['cat'], input=b'piped data', capture_output=True); print(r.stdout)
p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, _ = p.communicate(b'x' * 100000); print(len(out), p.returncode)
p = subprocess.Popen(['sleep', '10']); p.terminate(); print(p.wait())
print(subprocess.getoutput('echo hi'), subprocess.getstatusoutput('exit 2'))
r = subprocess.run(['sh', '-c', 'ls /proc/self/fd | wc -l'], capture_output=True, text=True); print(r.stdout.strip())
r, w = os.pipe()
p = subprocess.run(['sh', '-c', f'echo passed >&{w}'], pass_fds=[w]); os.close(w); print(os.read(r, 100))
def pre(): os.environ['X'] = '1'
print(subprocess.run(['true'], preexec_fn=pre).returncode)
def bad(): raise ValueError('boom')
try:
    subprocess.run(['true'], preexec_fn=bad)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)
try:
    subprocess.run(['sleep', '5'], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print('TimeoutExpired')
