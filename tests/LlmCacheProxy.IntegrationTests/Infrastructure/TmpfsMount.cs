using System.Diagnostics;

namespace LlmCacheProxy.IntegrationTests.Infrastructure;

/// <summary>
/// A small tmpfs mounted for one test and removed after it: a real file system that fills up or refuses writes.
/// Needs root (CI and the development container have it); when mount is not permitted the test fails saying so,
/// it never skips.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private const int FillBlock = 64 * 1024;
    private int _fillers;

    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static TmpfsMount Create(int megabytes, bool readOnly = false)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "llmcache-tmpfs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        string options = $"size={megabytes}m" + (readOnly ? ",ro" : "");
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            Assert.Fail($"This test needs a real small file system: 'mount -t tmpfs -o {options}' failed (exit {code}: {output.Trim()}). Run the tests as root (CI does).");
        }

        return new TmpfsMount(path);
    }

    /// <summary>Writes filler files until at most <paramref name="leaveBytes"/> remain free (0: until the disk refuses).</summary>
    public void Fill(long leaveBytes = 0)
    {
        var block = new byte[FillBlock];
        string filler = System.IO.Path.Combine(Path, $"filler-{_fillers++}");
        using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (new DriveInfo(Path).AvailableFreeSpace > leaveBytes + FillBlock)
            {
                stream.Write(block);
            }

            if (leaveBytes == 0)
            {
                while (true)
                {
                    stream.Write(block, 0, 4096);
                }
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
    }

    /// <summary>Deletes every filler file: the space comes back at once (tmpfs).</summary>
    public void Free()
    {
        foreach (string filler in Directory.EnumerateFiles(Path, "filler-*"))
        {
            File.Delete(filler);
        }
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
