"""The admin as each role sees it: fellows' and coaches' dashboards and scope,
and the accounts staff give them.

The rules themselves (who is programme staff and what staff may do, what a
fellow or coach may reach) are in cohorts/roles.py, one layer down, because
the models, the imports and the measures use them too."""
