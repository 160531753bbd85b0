namespace GluePassRole.Diagnostics.Policies.Conditions;

/// <summary>
/// Parses the date forms the Date* condition operators accept, without allocating: W3C profiles of ISO 8601
/// (<c>YYYY-MM</c>, <c>YYYY-MM-DD</c>, <c>YYYY-MM-DDThh:mm</c>, with optional <c>:ss</c>, fractions and a zone designator
/// <c>Z</c>, <c>+hh:mm</c> or <c>+hhmm</c>; no zone means UTC) and epoch (UNIX) seconds.
/// </summary>
/// <remarks>
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
/// A string of digits only is read as epoch seconds, so a bare year (<c>2026</c>) is not a date here.
/// </remarks>
internal static class IamDate
{
    /// <summary>Parses <paramref name="text"/> to UTC ticks.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long utcTicks)
    {
        utcTicks = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        if (IsAllDigits(text) || (text.Length > 1 && text[0] == '-' && IsAllDigits(text[1..])))
        {
            if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                || seconds < -62135596800L || seconds > 253402300799L)
            {
                return false;
            }

            utcTicks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond);
            return true;
        }

        var pos = 0;
        if (!ReadDigits(text, ref pos, 4, out var year) || !Expect(text, ref pos, '-') || !ReadDigits(text, ref pos, 2, out var month))
        {
            return false;
        }

        var day = 1;
        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        var offsetMinutes = 0;
        if (pos < text.Length)
        {
            if (!Expect(text, ref pos, '-') || !ReadDigits(text, ref pos, 2, out day))
            {
                return false;
            }

            if (pos < text.Length)
            {
                if (text[pos] is not ('T' or 't'))
                {
                    return false;
                }

                pos++;
                if (!ReadDigits(text, ref pos, 2, out hour) || !Expect(text, ref pos, ':') || !ReadDigits(text, ref pos, 2, out minute))
                {
                    return false;
                }

                if (pos < text.Length && text[pos] == ':')
                {
                    pos++;
                    if (!ReadDigits(text, ref pos, 2, out second))
                    {
                        return false;
                    }

                    if (pos < text.Length && text[pos] is '.' or ',')
                    {
                        pos++;
                        var start = pos;
                        long scale = TimeSpan.TicksPerSecond;
                        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                        {
                            scale /= 10;
                            fractionTicks += (text[pos] - '0') * scale;
                            pos++;
                        }

                        if (pos == start)
                        {
                            return false;
                        }
                    }
                }

                if (pos < text.Length && !TryReadZone(text, ref pos, out offsetMinutes))
                {
                    return false;
                }
            }
        }

        if (pos != text.Length || month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utc = local - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utcTicks = utc;
        return true;
    }

    private static bool TryReadZone(ReadOnlySpan<char> text, ref int pos, out int offsetMinutes)
    {
        offsetMinutes = 0;
        var c = text[pos];
        if (c is 'Z' or 'z')
        {
            pos++;
            return true;
        }

        if (c is not ('+' or '-'))
        {
            return false;
        }

        pos++;
        if (!ReadDigits(text, ref pos, 2, out var hours))
        {
            return false;
        }

        if (pos < text.Length && text[pos] == ':')
        {
            pos++;
        }

        if (!ReadDigits(text, ref pos, 2, out var minutes) || hours > 14 || minutes > 59)
        {
            return false;
        }

        offsetMinutes = ((hours * 60) + minutes) * (c == '-' ? -1 : 1);
        return true;
    }

    private static bool Expect(ReadOnlySpan<char> text, ref int pos, char expected)
    {
        if (pos < text.Length && text[pos] == expected)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static bool ReadDigits(ReadOnlySpan<char> text, ref int pos, int count, out int value)
    {
        value = 0;
        if (pos + count > text.Length)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var c = text[pos + i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        pos += count;
        return true;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
