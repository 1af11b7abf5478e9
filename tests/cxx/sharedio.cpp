// Several threads writing one C stream and std::cout at once. Each stdio
// call holds the stream's lock (msvcrt, as glibc), so every line written
// by one call arrives whole; how the lines interleave is up to the
// scheduler, so the program reads them back and prints what it counted.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

int main()
{
    const int threads = 4, lines = 3000;
    FILE *f = std::fopen("shared.txt", "w");
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; t++) {
        writers.emplace_back([f, t] {
            char line[64];
            for (int i = 0; i < lines; i++) {
                std::snprintf(line, sizeof line, "writer %d line %d of %d: %s\n", t, i, lines,
                              i % 2 ? "odd" : "even");
                std::fputs(line, f);
            }
        });
    }
    for (auto &w : writers) w.join();
    std::fclose(f);

    std::vector<int> count(threads), next(threads);
    int bad = 0, out_of_order = 0;
    f = std::fopen("shared.txt", "r");
    char line[128];
    while (std::fgets(line, sizeof line, f)) {
        int t, i, n;
        char parity[8];
        if (std::sscanf(line, "writer %d line %d of %d: %7s", &t, &i, &n, parity) != 4 || t < 0 ||
            t >= threads || n != lines || std::strcmp(parity, i % 2 ? "odd" : "even") != 0 ||
            line[std::strlen(line) - 1] != '\n') {
            bad++;
            continue;
        }
        count[t]++;
        out_of_order += i != next[t];
        next[t] = i + 1;
    }
    std::fclose(f);
    std::remove("shared.txt");
    for (int t = 0; t < threads; t++) {
        std::cout << "writer " << t << ": " << count[t] << " lines\n";
    }
    std::cout << bad << " damaged, " << out_of_order << " out of order within a writer\n";

    // std::cout: one insertion of a whole line is one write.
    std::vector<std::thread> speakers;
    for (int t = 0; t < threads; t++) {
        speakers.emplace_back([t] {
            for (int i = 0; i < 3; i++) {
                std::cout << ("speaker " + std::to_string(t) + " says " + std::to_string(i) + "\n");
            }
        });
        speakers.back().join(); // one at a time: the order is fixed
    }
    std::cout << "done" << std::endl;
    return bad || out_of_order;
}
