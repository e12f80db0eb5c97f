using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gatehouse.Tests.Infrastructure;

/// <summary>
/// The built Gatehouse.dll run as a separate process, the way an operator runs it: as a server that can be
/// killed and restarted, or as one CLI command. Configuration goes in through environment variables only.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>The longest a server may take to answer /readyz, or a command to finish.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string AppPath = Path.Combine(AppContext.BaseDirectory, "Gatehouse.dll");

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the server wrote to standard output and standard error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The settings that point a process at <paramref name="database"/>.</summary>
    public static Dictionary<string, string?> EnvironmentFor(TestDatabase database) => new()
    {
        ["ConnectionStrings__Gatehouse"] = database.ConnectionString,
        ["Database__Provider"] = database.Provider,
    };

    /// <summary>Starts a server on a free local port and waits until its /readyz answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FindFreePort()}");
        var process = CreateProcess(["--urls", baseAddress.ToString()], environment);
        var server = new ServerProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var ready = false;
        try
        {
            await server.WaitUntilReadyAsync();
            ready = true;
            return server;
        }
        finally
        {
            if (!ready)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Runs Gatehouse.dll with <paramref name="args"/> to the end and returns what it printed.</summary>
    public static async Task<CommandResult> RunAsync(
        IReadOnlyDictionary<string, string?> environment,
        params string[] args)
    {
        using var process = CreateProcess(args, environment);
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"'Gatehouse.dll {string.Join(' ', args)}' did not finish within {Timeout.TotalSeconds} s.");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = Timeout };

    /// <summary>
    /// Ends the server with SIGKILL, as a crash or a power cut would: no shutdown code runs and nothing is
    /// flushed on the way out.
    /// </summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(Timeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Gatehouse exited with code {_process.ExitCode} before it was ready. Its output:\n{Output}");
            }

            if (await IsReadyAsync(client))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException(
            $"Gatehouse did not answer /readyz within {Timeout.TotalSeconds} s. Its output:\n{Output}");
    }

    private static async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/readyz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            // Nothing listens on the port until the database is prepared and Kestrel has started.
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static Process CreateProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(AppPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child gets the configuration the test gives it, not whatever the test runner's shell had.
        foreach (var key in start.Environment.Keys.Where(IsGatehouseSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new Process { StartInfo = start };
    }

    private static bool IsGatehouseSetting(string key) =>
        key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
        || key is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT" or "ASPNETCORE_URLS";

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>How a CLI command ended: its exit code and what it wrote to standard output and standard error.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error);
