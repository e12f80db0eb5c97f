using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Gatehouse.Events;

/// <summary>
/// Turns user data into what the Conversions API expects: contact fields normalised and SHA-256 hashed as
/// lower-case hex, values that already are such hashes unchanged, technical fields as sent, anything else
/// left out. So no contact data in clear text ever leaves the gateway, or reaches its queue.
/// </summary>
/// <remarks>Normalisation follows Meta's "customer information parameters" rules for each field.</remarks>
public static class UserDataHasher
{
    /// <summary>Fields that identify a person; their clear-text values are hashed.</summary>
    public static readonly IReadOnlySet<string> ContactFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "em", "ph", "fn", "ln", "ge", "db", "ct", "st", "zp", "country", "external_id",
    };

    // Matching keys that Meta expects unhashed: browser and click ids, addresses of the request, platform ids.
    private static readonly HashSet<string> PassedFields = new(StringComparer.Ordinal)
    {
        "client_ip_address", "client_user_agent", "fbc", "fbp", "subscription_id", "fb_login_id", "lead_id",
        "anon_id", "madid", "page_id", "page_scoped_user_id", "ctwa_clid", "ig_account_id", "ig_sid",
    };

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="target"/>, hashing contact fields. With
    /// <paramref name="contactOnly"/> only contact fields are taken (the pixel's advanced matching data).
    /// Returns the name of the first field whose value is neither a string nor a list of strings, or null.
    /// </summary>
    public static string? AddTo(JsonObject target, JsonObject source, bool contactOnly = false)
    {
        foreach (var (key, value) in source)
        {
            if (ContactFields.Contains(key))
            {
                if (!TryHashAll(key, value, out var hashed))
                {
                    return key;
                }

                if (hashed is not null)
                {
                    target[key] = hashed;
                }
            }
            else if (!contactOnly && PassedFields.Contains(key) && value is not null)
            {
                target[key] = value.DeepClone();
            }
        }

        return null;
    }

    /// <summary>The SHA-256 of the normalised value as lower-case hex, or null when nothing is left of it.</summary>
    public static string? Hash(string field, string value)
    {
        if (IsHash(value))
        {
            return value.ToLowerInvariant();
        }

        var normalised = Normalise(field, value);
        return normalised.Length == 0
            ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    public static string Normalise(string field, string value)
    {
        var trimmed = value.Trim();
        return field switch
        {
            "em" => trimmed.ToLowerInvariant(),
            "ph" => Keep(trimmed, char.IsAsciiDigit).TrimStart('0'),
            "ge" => trimmed.ToLowerInvariant() switch
            {
                ['f', ..] => "f",
                ['m', ..] => "m",
                _ => "",
            },
            "db" => Keep(trimmed, char.IsAsciiDigit),
            "zp" => Keep(trimmed.Split('-')[0].ToLowerInvariant(), char.IsLetterOrDigit),
            "country" => Keep(trimmed.ToLowerInvariant(), char.IsAsciiLetter),
            "external_id" => trimmed,
            "fn" or "ln" => Keep(trimmed.ToLowerInvariant(), c => !char.IsPunctuation(c) && !char.IsSymbol(c)),
            _ => Keep(trimmed.ToLowerInvariant(), char.IsLetterOrDigit),
        };
    }

    private static bool TryHashAll(string field, JsonNode? value, out JsonNode? hashed)
    {
        hashed = null;
        switch (value)
        {
            case null:
                return true;
            case JsonValue single when single.TryGetValue<string>(out var text):
                hashed = Hash(field, text) is { } one ? JsonValue.Create(one) : null;
                return true;
            case JsonArray list:
                var hashes = new JsonArray();
                foreach (var item in list)
                {
                    if (item is not JsonValue element || !element.TryGetValue<string>(out var itemText))
                    {
                        return false;
                    }

                    if (Hash(field, itemText) is { } itemHash)
                    {
                        hashes.Add(itemHash);
                    }
                }

                hashed = hashes.Count > 0 ? hashes : null;
                return true;
            default:
                return false;
        }
    }

    private static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    private static string Keep(string value, Func<char, bool> keep)
    {
        var kept = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (keep(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
