// iostream, strings and containers: what an ordinary C++ program does with
// the standard library. Reads its input from stdin (tests/cxx/streams.input).
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

static std::string Upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return (char)std::toupper(c); });
    return s;
}

int main()
{
    std::cout << "hello from iostream" << std::endl;
    std::cerr << "a line on cerr" << std::endl;

    // Formatting: widths, fills, bases, precision.
    std::cout << std::setw(8) << 42 << '|' << std::left << std::setw(8) << "left" << '|' << std::right
              << std::setfill('*') << std::setw(6) << 7 << std::setfill(' ') << '\n';
    std::cout << std::hex << 255 << ' ' << std::showbase << 255 << ' ' << std::oct << 8 << std::dec
              << std::noshowbase << ' ' << -17 << '\n';
    std::cout << std::fixed << std::setprecision(3) << 3.14159265 << ' ' << 2.5 << ' ' << -0.0625 << '\n';
    std::cout << std::scientific << std::setprecision(4) << 12345.678 << ' ' << 0.00025 << '\n';
    std::cout << std::defaultfloat << 1.0 / 3 << ' ' << 1e21 << ' ' << 100.0 << '\n';
    std::cout << std::boolalpha << true << ' ' << false << std::noboolalpha << ' ' << true << '\n';

    // Lines from stdin: words counted in a map and an unordered_map.
    std::string line;
    std::vector<std::string> lines;
    std::map<std::string, int> ordered;
    std::unordered_map<std::string, int> hashed;
    int numbers_sum = 0;
    while (std::getline(std::cin, line)) {
        lines.push_back(line);
        std::istringstream words(line);
        std::string w;
        while (words >> w) {
            bool number = !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (number) {
                numbers_sum += std::stoi(w);
            }
            ordered[w]++;
            hashed[Upper(w)]++;
        }
    }
    std::cout << lines.size() << " lines, sum of numbers " << numbers_sum << '\n';
    for (const auto &kv : ordered) {
        std::cout << "  " << std::setw(10) << std::left << kv.first << std::right << ' ' << kv.second << '\n';
    }
    std::vector<std::pair<std::string, int>> hashed_sorted(hashed.begin(), hashed.end());
    std::sort(hashed_sorted.begin(), hashed_sorted.end(),
              [](const auto &a, const auto &b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    std::cout << "by count:";
    for (const auto &kv : hashed_sorted) {
        std::cout << ' ' << kv.first << '=' << kv.second;
    }
    std::cout << '\n';

    // Strings: find, substr, replace, comparisons, conversions.
    std::string s = "the quick brown fox jumps over the lazy dog";
    std::cout << s.find("fox") << ' ' << s.rfind("the") << ' ' << s.substr(4, 5) << ' '
              << (s.find("cat") == std::string::npos) << '\n';
    s.replace(s.find("lazy"), 4, "sleepy");
    std::cout << s << " (" << s.size() << ")\n";
    std::cout << std::to_string(12345) << ' ' << std::to_string(-7) << ' ' << std::stol("-99999") << ' '
              << std::stod("2.5") * 2 << '\n';

    // Vectors, sorting, algorithms.
    std::vector<int> v(20);
    std::iota(v.begin(), v.end(), 1);
    unsigned seed = 12345;
    for (size_t i = v.size() - 1; i > 0; i--) {
        seed = seed * 1103515245u + 12345u;
        std::swap(v[i], v[(seed >> 16) % (i + 1)]);
    }
    for (int x : v) std::cout << x << ' ';
    std::cout << '\n';
    std::stable_sort(v.begin(), v.end(), [](int a, int b) { return a % 5 < b % 5; });
    for (int x : v) std::cout << x << ' ';
    std::cout << '\n';
    std::sort(v.begin(), v.end(), std::greater<int>());
    std::cout << "max " << v.front() << " min " << v.back() << " sum " << std::accumulate(v.begin(), v.end(), 0)
              << " evens " << std::count_if(v.begin(), v.end(), [](int x) { return x % 2 == 0; }) << '\n';

    // A big vector and a map that grow, reallocate and free.
    std::vector<std::string> many;
    for (int i = 0; i < 5000; i++) {
        many.push_back("item" + std::to_string(i * 7 % 5000));
    }
    std::sort(many.begin(), many.end());
    many.erase(std::unique(many.begin(), many.end()), many.end());
    std::map<int, std::string> index;
    for (size_t i = 0; i < many.size(); i += 997) {
        index[(int)i] = many[i];
    }
    std::cout << many.size() << " unique;";
    for (const auto &kv : index) std::cout << ' ' << kv.first << ':' << kv.second;
    std::cout << '\n';
    std::cout << "done" << std::endl;
    return 0;
}
