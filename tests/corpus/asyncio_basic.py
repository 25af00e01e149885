# asyncio on the selector event loop: a stream server and clients over 127.0.0.1, sleep, gather, wait_for with a
# timeout, tasks, queues and sock_* calls on a socketpair. Nothing printed depends on ports or timing.
import asyncio
import socket


async def handle(reader, writer):
    peer = writer.get_extra_info("peername")
    while line := await reader.readline():
        writer.write(b"echo: " + line)
        await writer.drain()
    print("server: client from", peer[0], "closed")
    writer.close()
    await writer.wait_closed()


async def client(port, name, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    replies = []
    for i in range(n):
        writer.write(f"{name} {i}\n".encode())
        await writer.drain()
        replies.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    return replies


async def ticker(q):
    for i in range(3):
        await asyncio.sleep(0.01)
        await q.put(i)
    await q.put(None)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("listening", port > 0)
    results = await asyncio.gather(client(port, "a", 2), client(port, "b", 3))
    print(results)
    await asyncio.sleep(0.05)  # let the handlers see the clients go
    server.close()
    await server.wait_closed()

    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.02)
    except TimeoutError:
        print("wait_for timed out")

    q = asyncio.Queue()
    task = asyncio.create_task(ticker(q))
    got = []
    while (item := await q.get()) is not None:
        got.append(item)
    await task
    print("queue", got, task.done())

    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    await loop.sock_sendall(a, b"over a socketpair")
    print(await loop.sock_recv(b, 100))
    a.close()
    b.close()
    print(await asyncio.gather(asyncio.sleep(0.01, "x"), asyncio.sleep(0, "y")))
    return "done"


print(asyncio.run(main()))
