// std::thread, std::mutex, std::condition_variable and std::async/future
// (mingw's posix thread model: winpthreads over the Win32 threads). The
// output does not depend on the interleaving: threads compute, main prints.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <iostream>
#include <mutex>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <thread>
#include <vector>

static long SumRange(long from, long to)
{
    long s = 0;
    for (long i = from; i < to; i++) s += i % 7 * i % 11;
    return s;
}

int main()
{
    // Threads adding into a shared total under a mutex.
    std::mutex m;
    long total = 0;
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; t++) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < 1000; i++) {
                std::lock_guard<std::mutex> lock(m);
                total += t + 1;
            }
        });
    }
    for (auto &w : workers) w.join();
    std::cout << "mutex total " << total << '\n';

    // An atomic counter.
    std::atomic<int> counter{0};
    std::vector<std::thread> incrementers;
    for (int t = 0; t < 3; t++) {
        incrementers.emplace_back([&] {
            for (int i = 0; i < 5000; i++) counter.fetch_add(1);
        });
    }
    for (auto &t : incrementers) t.join();
    std::cout << "atomic counter " << counter.load() << '\n';

    // Producer and consumer on a condition variable.
    std::queue<int> queue;
    std::condition_variable cv;
    bool finished = false;
    long consumed = 0;
    int items = 0;
    std::thread consumer([&] {
        std::unique_lock<std::mutex> lock(m);
        for (;;) {
            cv.wait(lock, [&] { return !queue.empty() || finished; });
            while (!queue.empty()) {
                consumed += queue.front();
                queue.pop();
                items++;
            }
            if (finished) break;
        }
    });
    std::thread producer([&] {
        for (int i = 1; i <= 200; i++) {
            {
                std::lock_guard<std::mutex> lock(m);
                queue.push(i);
            }
            cv.notify_one();
            if (i % 50 == 0) std::this_thread::yield();
        }
        {
            std::lock_guard<std::mutex> lock(m);
            finished = true;
        }
        cv.notify_all();
    });
    producer.join();
    consumer.join();
    std::cout << "consumed " << items << " items, sum " << consumed << '\n';

    // A timed wait that times out, and one that is notified.
    {
        std::unique_lock<std::mutex> lock(m);
        bool ready = false;
        bool got = cv.wait_for(lock, std::chrono::milliseconds(20), [&] { return ready; });
        std::cout << "timed wait satisfied " << got << '\n';
    }

    // async and futures: results, and an exception carried to get().
    std::vector<std::future<long>> parts;
    for (int i = 0; i < 4; i++) {
        parts.push_back(std::async(std::launch::async, SumRange, i * 25000L, (i + 1) * 25000L));
    }
    long sum = 0;
    for (auto &f : parts) sum += f.get();
    std::cout << "async sum " << sum << " (serial " << SumRange(0, 100000) << ")\n";
    auto failing = std::async(std::launch::async, []() -> int { throw std::runtime_error("from another thread"); });
    try {
        failing.get();
    } catch (const std::exception &e) {
        std::cout << "future rethrew: " << e.what() << '\n';
    }
    std::promise<std::string> promise;
    std::future<std::string> answer = promise.get_future();
    std::thread teller([&] { promise.set_value("forty-two"); });
    std::cout << "promise gave " << answer.get() << '\n';
    teller.join();
    auto deferred = std::async(std::launch::deferred, [] { return 7 * 6; });
    std::cout << "deferred " << deferred.get() << '\n';

    // Thread ids differ; sleep_for returns.
    std::thread::id main_id = std::this_thread::get_id();
    bool differs = false;
    std::thread([&] { differs = std::this_thread::get_id() != main_id; }).join();
    std::cout << "ids differ " << differs << '\n';
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::cout << "done" << std::endl;
    return 0;
}
