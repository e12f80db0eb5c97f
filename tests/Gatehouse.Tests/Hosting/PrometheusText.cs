using System.Globalization;

namespace Gatehouse.Tests.Hosting;

/// <summary>Reads single samples out of the Prometheus text exposition format that /metrics serves.</summary>
public static class PrometheusText
{
    public static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The value of the sample <paramref name="name"/> whose labels include <paramref name="label"/>, or 0 when
    /// the series has not been recorded yet. Sample lines read: name{label="value",...} value [timestamp].
    /// </summary>
    public static double Sample(string exposition, string name, string label)
    {
        var line = exposition.Split('\n').SingleOrDefault(line =>
            line.StartsWith(name + "{", StringComparison.Ordinal)
            && line[..line.IndexOf('}', StringComparison.Ordinal)].Contains(label, StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        var value = line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0];
        return double.Parse(value, CultureInfo.InvariantCulture);
    }
}
