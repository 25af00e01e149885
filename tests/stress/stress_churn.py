# Reference churn on objects owned by threads that have exited: worker threads build objects and publish them; the
# main thread and other threads then share, mutate and drop them long after their creators are gone.
import _thread

published = []
lock = _thread.allocate_lock()

class Node:
    __slots__ = ("value", "next", "meta")
    def __init__(self, value, nxt):
        self.value = value
        self.next = nxt
        self.meta = {"v": value, "l": [value] * 3}

def producer(t):
    head = None
    for i in range(2000):
        head = Node(t * 10000 + i, head)
    with lock:
        published.append(head)

for _ in range(3):
    hs = [_thread.start_joinable_thread(lambda t=t: producer(t)) for t in range(6)]
    for h in hs:
        h.join()

def consumer(k):
    total = 0
    for head in list(published):
        node = head
        while node is not None:
            total += node.value + node.meta["l"][k % 3]
            node.meta = dict(node.meta)  # replace (and drop) objects created by an exited thread
            node = node.next
    sums.append(total)

sums = []
hs = [_thread.start_joinable_thread(lambda k=k: consumer(k)) for k in range(4)]
for h in hs:
    h.join()
print(len(published), len(set(sums)), sums[0])
published.clear()  # the last references to every Node go away here, in the main thread
print("cleared")
