using System.Globalization;

namespace GluePassRole.Diagnostics.Policies.Conditions;

/// <summary>
/// An IPv4 or IPv6 CIDR range (a single address is a /32 or /128), parsed and matched without allocating.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
/// Host bits set in a policy range (<c>10.1.2.3/8</c>) are ignored. IPv4 and IPv6 never match each other
/// (an IPv4-mapped IPv6 address is treated as IPv6).
/// </remarks>
internal readonly struct IpRange
{
    private readonly UInt128 _network;
    private readonly UInt128 _mask;
    private readonly bool _isV6;

    private IpRange(UInt128 network, UInt128 mask, bool isV6)
    {
        _network = network;
        _mask = mask;
        _isV6 = isV6;
    }

    /// <summary>The first address of the range.</summary>
    public UInt128 First => _network;

    /// <summary>The last address of the range.</summary>
    public UInt128 Last => _network | (~_mask & (_isV6 ? UInt128.MaxValue : uint.MaxValue));

    /// <summary>Whether this is an IPv6 range.</summary>
    public bool IsV6 => _isV6;

    /// <summary>The range in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public override string ToString()
    {
        var width = _isV6 ? 128 : 32;
        var prefix = _mask == UInt128.Zero ? 0 : width - (int)UInt128.TrailingZeroCount(_mask);

        return $"{FormatAddress(_network, _isV6)}/{prefix.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Formats an address's bits as text: a dotted quad, or IPv6 in the RFC 5952 form policies use (lowercase hexadecimal
    /// groups without leading zeros, the longest run of two or more zero groups, the first of equals, as <c>::</c>).
    /// </summary>
    public static string FormatAddress(UInt128 bits, bool isV6)
    {
        if (!isV6)
        {
            var v4 = (uint)bits;
            return string.Create(CultureInfo.InvariantCulture, $"{v4 >> 24}.{(v4 >> 16) & 255}.{(v4 >> 8) & 255}.{v4 & 255}");
        }

        Span<ushort> groups = stackalloc ushort[8];
        int gapStart = -1, gapLength = 0;
        for (int i = 0, run = 0; i < 8; i++)
        {
            groups[i] = (ushort)(bits >> (16 * (7 - i)));
            run = groups[i] == 0 ? run + 1 : 0;
            if (run > gapLength && run >= 2)
            {
                gapLength = run;
                gapStart = i - run + 1;
            }
        }

        var text = new System.Text.StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == gapStart)
            {
                text.Append("::");
                i += gapLength - 1;
                continue;
            }

            if (i > 0 && i != gapStart + gapLength)
            {
                text.Append(':');
            }

            text.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Parses <c>address</c> or <c>address/prefix</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpRange range)
    {
        range = default;
        text = text.Trim();
        var slash = text.IndexOf('/');
        var addressPart = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressPart, out var bits, out var isV6))
        {
            return false;
        }

        var width = isV6 ? 128 : 32;
        var prefix = width;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (prefixText.IsEmpty || prefixText.Length > 3 || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix)
                || prefix > width)
            {
                return false;
            }
        }

        var full = isV6 ? UInt128.MaxValue : uint.MaxValue;
        var mask = prefix == 0 ? UInt128.Zero : (full << (width - prefix)) & full;
        range = new IpRange(bits & mask, mask, isV6);
        return true;
    }

    /// <summary>Whether <paramref name="address"/> (a single IPv4 or IPv6 address) is in the range.</summary>
    public bool Contains(ReadOnlySpan<char> address) =>
        TryParseAddress(address.Trim(), out var bits, out var isV6) && Contains(bits, isV6);

    /// <summary>Whether the parsed address is in the range.</summary>
    public bool Contains(UInt128 bits, bool isV6) => isV6 == _isV6 && (bits & _mask) == _network;

    /// <summary>Parses a single IPv4 (dotted quad) or IPv6 address (with <c>::</c> and an IPv4 tail) into its bits.</summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out UInt128 bits, out bool isV6)
    {
        bits = UInt128.Zero;
        isV6 = text.Contains(':');
        if (!isV6)
        {
            if (!TryParseV4(text, out var v4))
            {
                return false;
            }

            bits = v4;
            return true;
        }

        return TryParseV6(text, out bits);
    }

    private static bool TryParseV4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var parts = 0;
        var pos = 0;
        while (true)
        {
            var start = pos;
            var octet = 0;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]) && pos - start < 3)
            {
                octet = (octet * 10) + (text[pos] - '0');
                pos++;
            }

            if (pos == start || octet > 255 || (pos - start > 1 && text[start] == '0'))
            {
                return false;
            }

            value = (value << 8) | (uint)octet;
            parts++;
            if (pos == text.Length)
            {
                return parts == 4;
            }

            if (text[pos] != '.' || parts == 4)
            {
                return false;
            }

            pos++;
        }
    }

    private static bool TryParseV6(ReadOnlySpan<char> text, out UInt128 bits)
    {
        bits = UInt128.Zero;
        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var gapAt = -1;
        var pos = 0;
        if (text.StartsWith("::"))
        {
            gapAt = 0;
            pos = 2;
        }
        else if (text.StartsWith(":"))
        {
            return false;
        }

        while (pos < text.Length)
        {
            // An IPv4 tail takes the last two groups.
            var rest = text[pos..];
            var colon = rest.IndexOf(':');
            var token = colon < 0 ? rest : rest[..colon];
            if (colon < 0 && token.Contains('.'))
            {
                if (count > 6 || !TryParseV4(token, out var v4))
                {
                    return false;
                }

                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                pos = text.Length;
                break;
            }

            if (token.IsEmpty || token.Length > 4 || count == 8
                || !ushort.TryParse(token, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var group))
            {
                return false;
            }

            groups[count++] = group;
            pos += token.Length;
            if (pos == text.Length)
            {
                break;
            }

            // At a colon: "::" marks the gap (once), a single ':' separates.
            pos++;
            if (pos < text.Length && text[pos] == ':')
            {
                if (gapAt >= 0)
                {
                    return false;
                }

                gapAt = count;
                pos++;
            }
            else if (pos == text.Length)
            {
                return false;
            }
        }

        if (gapAt < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        var missing = 8 - count;
        var result = UInt128.Zero;
        for (var i = 0; i < count; i++)
        {
            if (i == gapAt)
            {
                result <<= 16 * missing;
            }

            result = (result << 16) | groups[i];
        }

        if (gapAt == count)
        {
            result <<= 16 * missing;
        }

        bits = result;
        return true;
    }
}
