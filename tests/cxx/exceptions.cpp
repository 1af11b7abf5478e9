// Exceptions through many frames (DWARF-2 unwinding in libgcc), destructors
// run on the way, nested exceptions and exception_ptr, a class hierarchy
// with virtual functions, and static constructors and destructors in order.
#include <exception>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

static std::vector<std::string> trail;

struct Noisy {
    std::string name;
    explicit Noisy(std::string n) : name(std::move(n)) { trail.push_back("+" + name); }
    ~Noisy() { trail.push_back("-" + name); }
};

// Static objects: constructed before main in order, destroyed after it in reverse.
struct Global {
    const char *name;
    explicit Global(const char *n) : name(n) { std::cout << "construct " << name << '\n'; }
    ~Global() { std::cout << "destroy " << name << '\n'; }
};
static Global first("first");
static Global second("second");

static void PrintTrail(const char *what)
{
    std::cout << what << ':';
    for (const auto &t : trail) std::cout << ' ' << t;
    std::cout << '\n';
    trail.clear();
}

struct DepthError : std::runtime_error {
    int depth;
    DepthError(const std::string &m, int d) : std::runtime_error(m), depth(d) {}
};

static int Recurse(int n, int throw_at)
{
    Noisy guard("f" + std::to_string(n));
    if (n == throw_at) {
        throw DepthError("thrown at depth " + std::to_string(n), n);
    }
    return Recurse(n + 1, throw_at) + 1;
}

// Deep recursion: 200 frames between the throw and the catch.
static int Deep(int n)
{
    std::unique_ptr<int> p(new int(n));
    if (n == 0) {
        throw std::out_of_range("bottom");
    }
    return Deep(n - 1) + *p;
}

struct Shape {
    virtual ~Shape() { trail.push_back("~Shape"); }
    virtual std::string Name() const = 0;
    virtual double Area() const = 0;
    virtual std::string Describe() const { return Name() + " of area " + std::to_string(Area()); }
};
struct Rect : Shape {
    double w, h;
    Rect(double a, double b) : w(a), h(b) {}
    ~Rect() override { trail.push_back("~Rect"); }
    std::string Name() const override { return "rect"; }
    double Area() const override { return w * h; }
};
struct Square : Rect {
    explicit Square(double s) : Rect(s, s) {}
    ~Square() override { trail.push_back("~Square"); }
    std::string Name() const override { return "square"; }
    std::string Describe() const override { return "a " + Rect::Describe(); }
};
struct Triangle : Shape {
    double b, h;
    Triangle(double x, double y) : b(x), h(y) {}
    std::string Name() const override { return "triangle"; }
    double Area() const override { return b * h / 2; }
};

static void Open(const std::string &name)
{
    try {
        throw std::runtime_error("cannot open " + name);
    } catch (...) {
        std::throw_with_nested(std::logic_error("configuration failed"));
    }
}

static void PrintNested(const std::exception &e, int level)
{
    std::cout << std::string(level * 2, ' ') << e.what() << '\n';
    try {
        std::rethrow_if_nested(e);
    } catch (const std::exception &inner) {
        PrintNested(inner, level + 1);
    }
}

int main()
{
    std::cout << "main starts\n";
    for (int at : {0, 3, 7}) {
        try {
            Recurse(0, at);
        } catch (const DepthError &e) {
            std::cout << "caught '" << e.what() << "' depth " << e.depth << '\n';
        }
        PrintTrail("unwound");
    }
    try {
        Deep(200);
    } catch (const std::logic_error &e) {
        std::cout << "caught logic_error " << e.what() << '\n';
    }

    // Rethrow, catch by base, catch (...), and the standard exceptions.
    int caught = 0;
    for (int i = 0; i < 6; i++) {
        try {
            try {
                switch (i) {
                case 0: throw 42;
                case 1: throw std::string("a string");
                case 2: { std::vector<int> v; (void)v.at(5); break; }
                case 3: throw std::bad_alloc();
                case 4: { std::string s("abc"); (void)s.substr(10); break; }
                default: throw 3.5;
                }
            } catch (...) {
                caught++;
                throw;   // to the outer handlers
            }
        } catch (int x) {
            std::cout << "int " << x << '\n';
        } catch (const std::string &s) {
            std::cout << "string " << s << '\n';
        } catch (const std::out_of_range &e) {
            std::cout << "out_of_range\n";
        } catch (const std::exception &e) {
            std::cout << "std::exception " << e.what() << '\n';
        } catch (...) {
            std::cout << "something else\n";
        }
    }
    std::cout << "rethrown " << caught << '\n';

    // exception_ptr: captured, carried, rethrown later.
    std::exception_ptr saved;
    try {
        throw DepthError("saved for later", 99);
    } catch (...) {
        saved = std::current_exception();
    }
    try {
        std::rethrow_exception(saved);
    } catch (const DepthError &e) {
        std::cout << "rethrown from exception_ptr: " << e.what() << ' ' << e.depth << '\n';
    }
    std::exception_ptr made = std::make_exception_ptr(std::invalid_argument("made"));
    try {
        std::rethrow_exception(made);
    } catch (const std::invalid_argument &e) {
        std::cout << "make_exception_ptr: " << e.what() << '\n';
    }

    // Nested exceptions.
    try {
        Open("settings.ini");
    } catch (const std::exception &e) {
        PrintNested(e, 0);
    }

    // Virtual functions through base pointers; destructors through the base.
    {
        std::vector<std::unique_ptr<Shape>> shapes;
        shapes.emplace_back(new Rect(2, 3));
        shapes.emplace_back(new Square(4));
        shapes.emplace_back(new Triangle(3, 5));
        double total = 0;
        for (const auto &s : shapes) {
            std::cout << s->Describe() << '\n';
            total += s->Area();
        }
        std::cout << "total area " << total << '\n';
        const Shape &ref = *shapes[1];
        std::cout << "dynamic_cast: " << (dynamic_cast<const Rect *>(&ref) != nullptr) << ' '
                  << (dynamic_cast<const Triangle *>(&ref) != nullptr) << '\n';
        std::cout << "typeid: " << (typeid(ref) == typeid(Square)) << '\n';
    }
    PrintTrail("destroyed");

    // An exception thrown from a destructor's scope while another is being handled.
    try {
        Noisy a("outer");
        try {
            Noisy b("inner");
            throw std::runtime_error("first");
        } catch (const std::exception &e) {
            Noisy c("handler");
            throw std::runtime_error(std::string("second after ") + e.what());
        }
    } catch (const std::exception &e) {
        std::cout << "caught " << e.what() << '\n';
    }
    PrintTrail("order");
    std::cout << "main ends\n";
    return 0;
}
