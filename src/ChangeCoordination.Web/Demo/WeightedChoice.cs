namespace ChangeCoordination.Web.Demo;

internal static class WeightedChoice
{
    /// <summary>One of the choices, each as likely as its weight among the weights.</summary>
    public static T Pick<T>(this Random random, params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }
}
