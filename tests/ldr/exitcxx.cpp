// exitcxx.dll: a C++ static object whose destructor appends a line to
// exitcxx.txt in the current directory. Its constructor runs when the DLL
// is attached and its destructor when the DLL hears DLL_PROCESS_DETACH —
// at FreeLibrary or at the end of the process ("DLL static objects ...
// are destroyed on DLL_PROCESS_DETACH": Microsoft's DLLs and Visual C++
// run-time library behavior; mingw's DLL runtime registers the destructor
// with the DLL's own atexit list, which it runs then).
#include <fstream>

namespace {
struct Witness {
    Witness() { Write("exitcxx.dll: static constructor\n"); }
    ~Witness() { Write("exitcxx.dll: static destructor\n"); }
    static void Write(const char *line)
    {
        std::ofstream file("exitcxx.txt", std::ios::binary | std::ios::app);
        file << line;
    }
};
Witness witness;
}  // namespace

extern "C" __declspec(dllexport) int ExitCxxAnswer()
{
    return 42;
}
