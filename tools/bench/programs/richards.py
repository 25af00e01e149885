# Benchmark: Richards-style OS scheduler simulation (classes, attribute access, linked queues).
IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = 0, 1, 2, 3, 4, 5
KIND_DEVICE, KIND_WORK = 0, 1
BUF_SIZE = 4

class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.a1 = 0
        self.a2 = [0] * BUF_SIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue

class Task:
    def __init__(self, sched, ident, priority, queue, state):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = state[0]
        self.waiting = state[1]
        self.holding = state[2]
        self.link = sched.task_list
        sched.task_list = self
        sched.tasks[ident] = self

    def runnable(self):
        return not self.holding and (self.packet_pending or not self.waiting)

    def add_packet(self, pkt, current):
        # queue a packet on this task; returns the task that should run next
        if self.queue is None:
            self.queue = pkt
            self.packet_pending = True
            if self.priority > current.priority:
                return self
        else:
            self.queue = pkt.append_to(self.queue)
        return current

    def take_packet(self):
        pkt = self.queue
        if pkt is None:
            return None
        self.queue = pkt.link
        self.packet_pending = self.queue is not None
        return pkt

class IdleTask(Task):
    def __init__(self, sched, ident, priority, queue, state, count):
        super().__init__(sched, ident, priority, queue, state)
        self.v1 = 1
        self.count = count

    def run(self, pkt):
        self.count -= 1
        if self.count == 0:
            return self.sched.hold_self()
        if self.v1 & 1 == 0:
            self.v1 >>= 1
            return self.sched.release(DEVICE_A)
        self.v1 = (self.v1 >> 1) ^ 0xD008
        return self.sched.release(DEVICE_B)

class WorkerTask(Task):
    def __init__(self, sched, ident, priority, queue, state):
        super().__init__(sched, ident, priority, queue, state)
        self.dest = HANDLER_A
        self.letter = 0

    def run(self, pkt):
        if pkt is None:
            return self.sched.wait()
        self.dest = HANDLER_B if self.dest == HANDLER_A else HANDLER_A
        pkt.ident = self.dest
        pkt.a1 = 0
        for i in range(BUF_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            pkt.a2[i] = self.letter
        return self.sched.send(pkt)

class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue, state):
        super().__init__(sched, ident, priority, queue, state)
        self.work_in = None
        self.device_in = None

    def run(self, pkt):
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work_in = pkt.append_to(self.work_in)
            else:
                self.device_in = pkt.append_to(self.device_in)
        if self.work_in is not None:
            work = self.work_in
            count = work.a1
            if count >= BUF_SIZE:
                self.work_in = work.link
                return self.sched.send(work)
            if self.device_in is not None:
                dev = self.device_in
                self.device_in = dev.link
                dev.a1 = work.a2[count]
                work.a1 = count + 1
                return self.sched.send(dev)
        return self.sched.wait()

class DeviceTask(Task):
    def __init__(self, sched, ident, priority, queue, state):
        super().__init__(sched, ident, priority, queue, state)
        self.pending = None

    def run(self, pkt):
        if pkt is None:
            if self.pending is None:
                return self.sched.wait()
            out = self.pending
            self.pending = None
            return self.sched.send(out)
        self.pending = pkt
        self.sched.output.append(pkt.a1)
        return self.sched.hold_self()

class Scheduler:
    def __init__(self):
        self.task_list = None
        self.tasks = [None] * 6
        self.current = None
        self.send_count = 0
        self.hold_count = 0
        self.output = []

    def find(self, ident):
        return self.tasks[ident]

    def hold_self(self):
        self.hold_count += 1
        self.current.holding = True
        return self.current.link

    def wait(self):
        self.current.waiting = True
        return self.current

    def release(self, ident):
        t = self.find(ident)
        t.holding = False
        if t.priority > self.current.priority:
            return t
        return self.current

    def send(self, pkt):
        t = self.find(pkt.ident)
        self.send_count += 1
        pkt.link = None
        pkt.ident = self.current.ident
        return t.add_packet(pkt, self.current)

    def schedule(self):
        t = self.task_list
        while t is not None:
            if t.runnable():
                self.current = t
                pkt = None
                if t.packet_pending and t.waiting:
                    pkt = t.take_packet()
                t.waiting = False
                t = t.run(pkt)
            else:
                t = t.link

def run_once(count):
    s = Scheduler()
    running, waiting_pkt, held_waiting = (False, False, False), (True, True, False), (False, True, False)
    IdleTask(s, IDLE, 0, None, running, count)
    wq = Packet(None, IDLE, KIND_WORK)
    wq = Packet(wq, IDLE, KIND_WORK)
    WorkerTask(s, WORKER, 1000, wq, waiting_pkt)
    wq = Packet(None, DEVICE_A, KIND_DEVICE)
    wq = Packet(wq, DEVICE_A, KIND_DEVICE)
    wq = Packet(wq, DEVICE_A, KIND_DEVICE)
    HandlerTask(s, HANDLER_A, 2000, wq, waiting_pkt)
    wq = Packet(None, DEVICE_B, KIND_DEVICE)
    wq = Packet(wq, DEVICE_B, KIND_DEVICE)
    wq = Packet(wq, DEVICE_B, KIND_DEVICE)
    HandlerTask(s, HANDLER_B, 3000, wq, waiting_pkt)
    DeviceTask(s, DEVICE_A, 4000, None, held_waiting)
    DeviceTask(s, DEVICE_B, 5000, None, held_waiting)
    s.schedule()
    return s.send_count, s.hold_count, sum(s.output) % 1000003

def main():
    results = [run_once(10000) for _ in range(6)]
    print(results[0], all(r == results[0] for r in results))

main()
