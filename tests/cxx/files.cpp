// fstream: a text file and a binary file written, appended, read back and
// seeked in the current directory (under ntmm, the sandbox's C:\).
// On Windows a text-mode file holds CR LF for each LF; read back in text
// mode it is the same lines, so what this prints does not depend on it.
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main()
{
    {
        std::ofstream out("notes.txt");
        out << "first line\n" << 12 << ' ' << 3.25 << '\n' << "third line" << std::endl;
    }
    {
        std::ofstream out("notes.txt", std::ios::app);
        out << "appended\n";
    }
    {
        std::ifstream in("notes.txt");
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            std::cout << ++n << ": [" << line << "]\n";
        }
        std::cout << "eof " << in.eof() << " fail " << in.fail() << '\n';
    }
    {
        std::ifstream in("notes.txt");
        std::string word;
        int i;
        double d;
        in >> word >> word >> i >> d;
        std::cout << "parsed " << word << ' ' << i << ' ' << d << '\n';
    }

    // Binary: every byte value, CR and LF and Ctrl-Z among them, unchanged.
    std::vector<char> bytes(256);
    for (int i = 0; i < 256; i++) bytes[i] = (char)i;
    {
        std::ofstream out("data.bin", std::ios::binary);
        out.write(bytes.data(), (std::streamsize)bytes.size());
        out.write("\r\n\x1a\n", 4);
    }
    {
        std::ifstream in("data.bin", std::ios::binary | std::ios::ate);
        std::streamoff size = in.tellg();
        std::cout << "binary size " << size << '\n';
        in.seekg(10);
        char c[4];
        in.read(c, 4);
        std::cout << "at 10: " << (int)c[0] << ' ' << (int)c[1] << ' ' << (int)c[2] << ' ' << (int)c[3] << '\n';
        in.seekg(-4, std::ios::end);
        in.read(c, 4);
        std::cout << "last four: " << (int)c[0] << ' ' << (int)c[1] << ' ' << (int)c[2] << ' ' << (int)c[3] << '\n';
        in.seekg(0);
        std::vector<char> back(260);
        in.read(back.data(), 260);
        bool same = in.gcount() == 260 && std::equal(bytes.begin(), bytes.end(), back.begin());
        std::cout << "read back " << in.gcount() << " bytes, identical " << same << '\n';
    }
    {
        std::fstream io("data.bin", std::ios::in | std::ios::out | std::ios::binary);
        io.seekp(100);
        io.write("XYZ", 3);
        io.seekg(99);
        char c[5] = {0};
        io.read(c, 5);
        std::cout << "rewritten: " << (int)(unsigned char)c[0] << ' ' << c[1] << c[2] << c[3] << ' '
                  << (int)(unsigned char)c[4] << '\n';
    }

    // A missing file fails cleanly; remove and rename through <cstdio>.
    std::ifstream missing("no-such-file.txt");
    std::cout << "missing is_open " << missing.is_open() << '\n';
    std::cout << "rename " << std::rename("notes.txt", "renamed.txt") << '\n';
    std::ifstream renamed("renamed.txt");
    std::string first;
    std::getline(renamed, first);
    std::cout << "renamed first line [" << first << "]\n";
    renamed.close();
    std::cout << "remove " << std::remove("renamed.txt") << ' ' << std::remove("renamed.txt") << '\n';

    // A string stream, for contrast: the same formatting in memory.
    std::ostringstream os;
    os << std::setw(6) << std::setfill('0') << 42 << '/' << std::hex << 48879;
    std::cout << os.str() << '\n';
    return 0;
}
